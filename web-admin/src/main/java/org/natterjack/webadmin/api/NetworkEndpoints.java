package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.network.api.NetworkConfig;
import org.natterjack.network.api.NetworkInvalid;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.NetworkOperations;
import org.natterjack.webadmin.auth.Role;

/**
 * The appliance's network: status, a change (202 while it waits for confirmation, 422 with every refused
 * field), and the confirmation, which must come in at the new address (the local address of the request).
 */
final class NetworkEndpoints {

    private static final int UNPROCESSABLE = 422;

    private final NetworkOperations network;

    NetworkEndpoints(NetworkOperations network) {
        this.network = network;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.of(GET, "/api/v1/network", Role.ADMIN, ctx -> ctx.json(network.status())),
                ApiRoute.of(PUT, "/api/v1/network", Role.ADMIN, this::apply),
                ApiRoute.of(POST, "/api/v1/network/confirm", Role.ADMIN, ctx -> ctx.json(
                        network.confirm(AccessControl.principal(ctx), localAddress(ctx)))));
    }

    private void apply(Context ctx) throws IOException {
        NetworkConfig config = ctx.bodyAsClass(NetworkConfig.class);
        if (config == null) {
            throw new InvalidFieldException("body", "body: a JSON object with mode, interfaces, address, gateway, dns...");
        }
        try {
            ctx.status(HttpStatus.ACCEPTED).json(network.apply(AccessControl.principal(ctx), config));
        } catch (NetworkInvalid e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.errors().get(0).message());
            body.put("field", e.errors().get(0).field());
            body.put("errors", e.errors());
            ctx.status(UNPROCESSABLE).json(body);
        }
    }

    /** The address this request came in on (the appliance's side of the connection), without scope. */
    static InetAddress localAddress(Context ctx) throws IOException {
        String local = ctx.req().getLocalAddr();
        String bare = local.startsWith("[") && local.endsWith("]") ? local.substring(1, local.length() - 1) : local;
        int scope = bare.indexOf('%');
        return InetAddress.getByName(scope >= 0 ? bare.substring(0, scope) : bare);
    }
}
