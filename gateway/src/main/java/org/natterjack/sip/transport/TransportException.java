package org.natterjack.sip.transport;

/** The SIP transport could not start, e.g. because a port is taken. The message names address and port. */
public final class TransportException extends RuntimeException {

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
