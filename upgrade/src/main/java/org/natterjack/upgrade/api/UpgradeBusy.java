package org.natterjack.upgrade.api;

/** The agent cannot take this request now: an upgrade runs, nothing waits, or it is idle (HTTP 409). */
public final class UpgradeBusy extends Exception {

    public UpgradeBusy(String message) {
        super(message);
    }
}
