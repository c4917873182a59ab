package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.natterjack.webadmin.TunnelOperations;
import org.natterjack.webadmin.auth.Role;

/**
 * The tunnel ({@code /tunnel}): its on/off switch ({@code /tunnel/switch}), where it listens, the certificate
 * fingerprint agents pin ({@code natterjack agent --fingerprint}), and the agents logged in now, refreshed every
 * 2 s.
 */
final class TunnelPages {

    private final View view;
    private final TunnelOperations tunnel;

    TunnelPages(View view, TunnelOperations tunnel) {
        this.view = view;
        this.tunnel = tunnel;
    }

    void register(Javalin app) {
        app.get("/tunnel", this::page, Role.MONITOR);
        app.post("/tunnel/switch", this::switchEndpoint, Role.ADMIN);
        app.get("/fragments/tunnel", ctx -> view.page(ctx, "tunnel-live", "tunnel", tunnel.status()), Role.MONITOR);
    }

    /** The on/off form: {@code enabled=true|false}; the page again, saying what happened. */
    private void switchEndpoint(Context ctx) {
        SwitchForm.Result result = SwitchForm.submit(ctx, tunnel.endpoint(), "The tunnel", "agents cannot log in");
        page(ctx, result.key(), result.text());
    }

    private void page(Context ctx, Object... extra) {
        view.page(ctx, "tunnel", View.plus(new Object[] {"tunnel", tunnel.status(),
                "endpoint", tunnel.endpoint().state().orElse(null), "notRunning", tunnel.endpoint().whyNotRunning()},
                extra));
    }
}
