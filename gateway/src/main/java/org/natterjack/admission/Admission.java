package org.natterjack.admission;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether the gateway takes new calls. While it drains (before an upgrade switches slots), the proxy answers a
 * new INVITE (no To tag) {@code 503 Service Unavailable} with {@code Retry-After}; in-dialog requests, CANCEL,
 * ACK, REGISTER and OPTIONS are served as always, so calls in progress finish and phones stay registered.
 * Thread-safe: plug-ins switch it, the SIP threads read it.
 */
public final class Admission {

    /**
     * New calls are refused.
     *
     * @param retryAfter what the 503 tells callers to wait before they try again
     */
    public record Drain(Duration retryAfter) {
        public Drain {
            if (retryAfter.isNegative() || retryAfter.toSeconds() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("retry-after must be 0 or more seconds");
            }
        }
    }

    private volatile Optional<Drain> drain = Optional.empty();

    /** From the next INVITE on, new calls are refused (a second call replaces the first's Retry-After). */
    public void drain(Duration retryAfter) {
        drain = Optional.of(new Drain(retryAfter));
    }

    /** New calls are taken again. */
    public void admit() {
        drain = Optional.empty();
    }

    public Optional<Drain> draining() {
        return drain;
    }
}
