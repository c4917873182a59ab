package org.natterjack.webadmin;

import io.javalin.http.ConflictResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.ServiceUnavailableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.natterjack.upgrade.api.InstallOptions;
import org.natterjack.upgrade.api.UpgradeApi;
import org.natterjack.upgrade.api.UpgradeBusy;
import org.natterjack.upgrade.api.UpgradeRefused;
import org.natterjack.upgrade.api.UpgradeStatus;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Principal;

/**
 * The upgrade agent for pages and API, every install and activation audited: 409 while an upgrade runs (or the
 * agent is idle), 422 with the reason for a refused bundle, 503 without the upgrade plug-in.
 */
public final class UpgradeOperations {

    private static final int UNPROCESSABLE = 422;

    private final Supplier<Optional<UpgradeApi>> upgrades;
    private final AuditLog audit;

    /** @param upgrades looked up on each call: the upgrade plug-in may start after the web admin */
    public UpgradeOperations(Supplier<Optional<UpgradeApi>> upgrades, AuditLog audit) {
        this.upgrades = upgrades;
        this.audit = audit;
    }

    private UpgradeApi api() {
        return upgrades.get().orElseThrow(() -> new ServiceUnavailableResponse("the upgrade plug-in is not running"));
    }

    public UpgradeStatus status() {
        return api().status();
    }

    /** Whether bundles can be installed here (the agent runs and is not idle). */
    public boolean enabled() {
        return upgrades.get().map(u -> u.status().enabled()).orElse(false);
    }

    public UpgradeStatus install(Principal who, InputStream bundle, InstallOptions options) throws IOException {
        try {
            UpgradeStatus status = api().install(bundle, options);
            audit.record(who.name(), "upgrade.install", status.upgrade().map(UpgradeStatus.Upgrade::version)
                    .orElse(""), Map.of("version", status.running().version()), options);
            return status;
        } catch (UpgradeBusy e) {
            throw new ConflictResponse(e.getMessage());
        } catch (UpgradeRefused e) {
            audit.record(who.name(), "upgrade.refused", e.check().name().toLowerCase(Locale.ROOT), null,
                    Map.of("reason", e.getMessage()));
            throw new HttpResponseException(UNPROCESSABLE, e.getMessage());
        }
    }

    public UpgradeStatus activate(Principal who) {
        try {
            UpgradeStatus status = api().activate();
            audit.record(who.name(), "upgrade.activate", status.upgrade().map(UpgradeStatus.Upgrade::version)
                    .orElse(""), null, Map.of("activation", "now"));
            return status;
        } catch (UpgradeBusy e) {
            throw new ConflictResponse(e.getMessage());
        }
    }
}
