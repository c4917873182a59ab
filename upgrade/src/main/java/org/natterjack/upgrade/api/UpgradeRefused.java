package org.natterjack.upgrade.api;

/**
 * A bundle failed a check before anything was drained or written (HTTP 422).
 *
 * @see Check
 */
public final class UpgradeRefused extends Exception {

    /** Which check refused it. */
    public enum Check { FORMAT, SIGNATURE, COMPATIBLE, PAYLOAD, OLDER, CHANNEL }

    private final Check check;

    public UpgradeRefused(Check check, String message) {
        super(message);
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
