package org.natterjack.pstn.api;

/** Asterisk did not carry out an action: the link is down, Asterisk refused it, or did not answer in time. */
public final class AsteriskException extends Exception {

    private static final long serialVersionUID = 1L;

    public AsteriskException(String message, Throwable cause) {
        super(message, cause);
    }
}
