package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import org.natterjack.admin.AdminApi;
import org.natterjack.webadmin.auth.Role;

/**
 * Upgrades ({@code /upgrades}): the running version, and the place where uploading an upgrade bundle will
 * go once the appliance image provides bundles; until then the form is shown disabled, with no route behind.
 */
final class UpgradePages {

    private final View view;
    private final AdminApi admin;

    UpgradePages(View view, AdminApi admin) {
        this.view = view;
        this.admin = admin;
    }

    void register(Javalin app) {
        app.get("/upgrades", ctx -> view.page(ctx, "upgrades", "version", admin.status().version()), Role.ADMIN);
    }
}
