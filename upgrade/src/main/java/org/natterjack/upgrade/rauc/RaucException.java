package org.natterjack.upgrade.rauc;

/** RAUC refused a call or could not be reached; the message is RAUC's (or the bus's) own. */
public final class RaucException extends Exception {

    public RaucException(String message, Throwable cause) {
        super(message, cause);
    }

    public RaucException(String message) {
        super(message);
    }
}
