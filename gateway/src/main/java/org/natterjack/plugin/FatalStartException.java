package org.natterjack.plugin;

/**
 * Thrown by {@link GatewayPlugin#start} when the gateway must not run without the plug-in, e.g. the web admin,
 * its only configuration surface, that cannot bind its port. Unlike any other failure, which leaves the
 * plug-in out, this one stops start-up: the plug-ins started so far are closed and the gateway exits non-zero
 * with this message, which must say what to fix (for a port: address, port and transport).
 */
public final class FatalStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FatalStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
