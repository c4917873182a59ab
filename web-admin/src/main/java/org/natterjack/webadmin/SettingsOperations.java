package org.natterjack.webadmin;

import java.util.Map;
import org.natterjack.admin.AdminApi;
import org.natterjack.admin.SettingsChange;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Principal;

/** Settings changes for pages and API alike, audited with the overrides before and after. */
public final class SettingsOperations {

    private final AdminApi admin;
    private final AuditLog audit;

    public SettingsOperations(AdminApi admin, AuditLog audit) {
        this.admin = admin;
        this.audit = audit;
    }

    /** @throws IllegalArgumentException for an unknown section */
    public SettingsChange apply(Principal who, String section, Map<String, Object> values) {
        return audited(who, "settings.change", section, admin.settings().apply(section, values));
    }

    /** @throws IllegalArgumentException for an unknown section */
    public SettingsChange reset(Principal who, String section) {
        return audited(who, "settings.reset", section, admin.settings().reset(section));
    }

    private SettingsChange audited(Principal who, String action, String section, SettingsChange change) {
        if (change instanceof SettingsChange.Applied applied) {
            audit.record(who.name(), action, section, applied.before().overrides(), applied.after().overrides());
        }
        return change;
    }
}
