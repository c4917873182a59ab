package org.natterjack.pstn.ami;

import java.time.Duration;

/** Pauses between reconnection attempts: 1 s, doubling up to a maximum, back to 1 s after a success. */
final class Backoff {

    private static final Duration FIRST = Duration.ofSeconds(1);

    private final Duration max;
    private Duration next = FIRST;

    Backoff(Duration max) {
        this.max = max;
    }

    /** The pause before the next attempt; the one after will be twice as long (at most the maximum). */
    synchronized Duration next() {
        Duration pause = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return pause.compareTo(max) > 0 ? max : pause;
    }

    synchronized void reset() {
        next = FIRST;
    }
}
