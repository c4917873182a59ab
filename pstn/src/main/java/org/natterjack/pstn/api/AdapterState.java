package org.natterjack.pstn.api;

import java.time.Instant;

/**
 * Whether the PSTN adapter is switched on, who decided, and whether it runs.
 *
 * @param source {@value #FILE} ({@code plugins.pstn.enabled} decides) or {@value #WEB_ADMIN} (an operator's
 *     choice in the store decides)
 * @param changedBy the account that switched it in the web admin; null while the file decides
 * @param changedAt when; null while the file decides
 * @param running whether the adapter runs (switched on and started)
 * @param problem why it is switched on but not running (e.g. the FastAGI port is taken); empty otherwise
 */
public record AdapterState(boolean enabled, String source, String changedBy, Instant changedAt, boolean running,
                           String problem) {

    public static final String FILE = "file";
    public static final String WEB_ADMIN = "web-admin";

    /** The file's setting decides. */
    public static AdapterState ofFile(boolean enabled, boolean running, String problem) {
        return new AdapterState(enabled, FILE, null, null, running, problem);
    }

    /** An operator's choice decides. */
    public static AdapterState ofChoice(AdapterChoice choice, boolean running, String problem) {
        return new AdapterState(choice.enabled(), WEB_ADMIN, choice.by(), choice.at(), running, problem);
    }
}
