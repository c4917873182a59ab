package org.natterjack.webadmin;

import io.javalin.http.ServiceUnavailableResponse;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.natterjack.plugin.PluginSwitch;
import org.natterjack.plugin.SwitchState;
import org.natterjack.webadmin.auth.Principal;
import org.natterjack.webadmin.audit.AuditLog;

/** A plug-in's on/off switch (the PSTN adapter, the tunnel) for pages and API, every switching audited. */
public final class SwitchOperations {

    /**
     * What is switched.
     *
     * @param plugin the plug-in's name, e.g. {@code pstn}
     * @param label what runs, e.g. {@code PSTN adapter}
     * @param page the web admin page with the switch, e.g. {@code PSTN}
     * @param action the audit log's action for a switching, e.g. {@code pstn.adapter}
     */
    public record Subject(String plugin, String label, String page, String action) {
    }

    private final Subject subject;
    private final Supplier<? extends Optional<? extends PluginSwitch>> plugin;
    private final AuditLog audit;

    /** @param plugin looked up on each call: the plug-in may start after the web admin, or not be installed */
    public SwitchOperations(Subject subject, Supplier<? extends Optional<? extends PluginSwitch>> plugin, AuditLog audit) {
        this.subject = subject;
        this.plugin = plugin;
        this.audit = audit;
    }

    /** Whether it is switched on and by whom; empty without the plug-in. */
    public Optional<SwitchState> state() {
        return plugin.get().map(PluginSwitch::state);
    }

    /** @throws ServiceUnavailableResponse without the plug-in */
    public SwitchState requiredState() {
        return state().orElseThrow(this::notInstalled);
    }

    /** Switches it on or off (kept in the store; it wins over the configuration file), audited. */
    public SwitchState switchTo(Principal who, boolean enabled) {
        PluginSwitch s = plugin.get().orElseThrow(this::notInstalled);
        SwitchState before = s.state();
        SwitchState after = s.switchTo(enabled, who.name());
        audit.record(who.name(), subject.action(), subject.label(), Map.of("enabled", before.enabled()),
                after.problem().isEmpty() ? Map.of("enabled", after.enabled())
                        : Map.of("enabled", after.enabled(), "problem", after.problem()));
        return after;
    }

    /** Why it does not run now, for pages and 503s. */
    public String whyNotRunning() {
        return state().map(s -> s.whyNotRunning("plugins." + subject.plugin() + ".enabled", subject.page()))
                .orElse(notInstalledReason());
    }

    private String notInstalledReason() {
        return "the " + subject.plugin() + " plug-in is not installed";
    }

    private ServiceUnavailableResponse notInstalled() {
        return new ServiceUnavailableResponse(notInstalledReason());
    }
}
