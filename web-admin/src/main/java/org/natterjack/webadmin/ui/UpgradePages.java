package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.natterjack.upgrade.api.UpgradeStatus;
import org.natterjack.webadmin.UpgradeOperations;
import org.natterjack.webadmin.auth.Role;

/**
 * Upgrades ({@code /upgrades}): running and other slot, the upgrade in progress (drain, RAUC's progress), the
 * update channel, history and the health gate's last lines, refreshed by htmx; the upload goes to
 * {@code POST /api/v1/upgrades} from {@code /static/upgrades.js}. Where the agent is idle the page says why and
 * the form stays disabled.
 */
final class UpgradePages {

    private final View view;
    private final UpgradeOperations upgrades;

    UpgradePages(View view, UpgradeOperations upgrades) {
        this.view = view;
        this.upgrades = upgrades;
    }

    void register(Javalin app) {
        app.get("/upgrades", ctx -> render(ctx, "upgrades"), Role.ADMIN);
        app.get("/fragments/upgrades", ctx -> render(ctx, "upgrades-live"), Role.ADMIN);
    }

    private void render(Context ctx, String template) {
        UpgradeStatus s = upgrades.status();
        view.page(ctx, template, "status", s, "upgrade", s.upgrade().orElse(null), "other", s.other().orElse(null),
                "drain", s.upgrade().flatMap(UpgradeStatus.Upgrade::drain).orElse(null),
                "channel", s.channel().orElse(null),
                "available", s.channel().flatMap(UpgradeStatus.Channel::available).orElse(null),
                "lastCheck", s.channel().flatMap(UpgradeStatus.Channel::lastCheck).orElse(null));
    }
}
