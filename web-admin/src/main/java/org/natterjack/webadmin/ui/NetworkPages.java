package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.natterjack.network.api.NetworkStatus;
import org.natterjack.webadmin.NetworkOperations;
import org.natterjack.webadmin.auth.Role;

/**
 * Network ({@code /network}): the stored settings as a form (DHCP or static), the links' addresses now, and a
 * pending change with its countdown and the confirm button, refreshed by htmx every second; the form and the
 * button talk to {@code /api/v1/network} from {@code /static/network.js}. Where the plug-in is idle the page says
 * why and the form stays disabled.
 */
final class NetworkPages {

    private final View view;
    private final NetworkOperations network;

    NetworkPages(View view, NetworkOperations network) {
        this.view = view;
        this.network = network;
    }

    void register(Javalin app) {
        app.get("/network", ctx -> render(ctx, "network"), Role.ADMIN);
        app.get("/fragments/network", ctx -> render(ctx, "network-live"), Role.ADMIN);
    }

    private void render(Context ctx, String template) {
        NetworkStatus s = network.status();
        view.page(ctx, template, "status", s, "settings", s.settings(),
                "pending", s.pending().orElse(null), "lastOutcome", s.lastOutcome().orElse(null),
                "dns", padded(s.settings().dns()), "ntp", padded(s.settings().ntp()),
                "port", ctx.port());
    }

    /** Three form fields, filled from the front. */
    private static java.util.List<String> padded(java.util.List<String> values) {
        java.util.List<String> three = new java.util.ArrayList<>(values);
        while (three.size() < 3) {
            three.add("");
        }
        return three.subList(0, 3);
    }
}
