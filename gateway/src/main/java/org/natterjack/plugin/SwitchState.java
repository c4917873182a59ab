package org.natterjack.plugin;

import java.time.Instant;
import org.natterjack.store.SwitchChoice;

/**
 * Whether a plug-in's running part is switched on, who decided, and whether it runs.
 *
 * @param source {@value #FILE} (the plug-in's {@code enabled} in the configuration file decides) or
 *     {@value #WEB_ADMIN} (an operator's choice in the store decides)
 * @param changedBy the account that switched it in the web admin; null while the file decides
 * @param changedAt when; null while the file decides
 * @param running whether it runs (switched on and started)
 * @param problem why it is switched on but not running (e.g. its port is taken); empty otherwise
 */
public record SwitchState(boolean enabled, String source, String changedBy, Instant changedAt, boolean running,
                          String problem) {

    public static final String FILE = "file";
    public static final String WEB_ADMIN = "web-admin";

    /** The file's setting decides. */
    public static SwitchState ofFile(boolean enabled, boolean running, String problem) {
        return new SwitchState(enabled, FILE, null, null, running, problem);
    }

    /** An operator's choice decides. */
    public static SwitchState ofChoice(SwitchChoice choice, boolean running, String problem) {
        return new SwitchState(choice.enabled(), WEB_ADMIN, choice.by(), choice.at(), running, problem);
    }

    /**
     * Why a part in this state does not run, for pages and 503s.
     *
     * @param setting the file's key, e.g. {@code plugins.pstn.enabled}
     * @param page the web admin page with the switch, e.g. {@code PSTN}
     */
    public String whyNotRunning(String setting, String page) {
        if (enabled) {
            return problem.isEmpty() ? "it is starting" : problem;
        }
        return FILE.equals(source) ? "it is switched off (" + setting + " is false); switch it on on the " + page
                + " page" : "it was switched off in the web admin on " + changedAt + " by " + changedBy;
    }
}
