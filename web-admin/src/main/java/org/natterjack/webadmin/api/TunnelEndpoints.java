package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.GET;

import java.util.ArrayList;
import java.util.List;
import org.natterjack.webadmin.TunnelOperations;
import org.natterjack.webadmin.auth.Role;

/** The tunnel: its listener, fingerprint and sessions; its on/off switch. */
final class TunnelEndpoints {

    private final TunnelOperations tunnel;

    TunnelEndpoints(TunnelOperations tunnel) {
        this.tunnel = tunnel;
    }

    List<ApiRoute> routes() {
        List<ApiRoute> routes = new ArrayList<>(SwitchEndpoints.at("/api/v1/tunnel/switch", () -> tunnel.endpoint()));
        routes.add(ApiRoute.of(GET, "/api/v1/tunnel", Role.MONITOR, ctx -> ctx.json(tunnel.status())));
        return routes;
    }
}
