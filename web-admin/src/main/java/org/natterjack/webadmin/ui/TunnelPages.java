package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Supplier;
import org.natterjack.tunnel.api.TunnelApi;
import org.natterjack.tunnel.api.TunnelStatus;
import org.natterjack.webadmin.auth.Role;

/**
 * The tunnel ({@code /tunnel}): whether it listens and where, the certificate fingerprint agents pin
 * ({@code natterjack agent --fingerprint}), and the agents logged in now, refreshed every 2 s.
 */
final class TunnelPages {

    private final View view;
    private final Supplier<Optional<TunnelApi>> tunnel;

    TunnelPages(View view, Supplier<Optional<TunnelApi>> tunnel) {
        this.view = view;
        this.tunnel = tunnel;
    }

    void register(Javalin app) {
        app.get("/tunnel", ctx -> render(ctx, "tunnel"), Role.MONITOR);
        app.get("/fragments/tunnel", ctx -> render(ctx, "tunnel-live"), Role.MONITOR);
    }

    private void render(Context ctx, String template) {
        TunnelStatus status = tunnel.get().map(TunnelApi::status).orElseGet(TunnelStatus::off);
        view.page(ctx, template, "tunnel", status);
    }
}
