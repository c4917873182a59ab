package org.natterjack.alarms;

import java.time.Instant;
import java.util.Optional;

/**
 * One raising of a condition an operator must act on, and its clearing.
 *
 * @param condition what is wrong, the same at every raising: {@code relay-ports}, {@code pstn.asterisk-link},
 *     {@code pstn.span.2}; a condition is active at most once
 * @param text what the operator reads, e.g. "relay ports nearly exhausted: 12 of 500 pairs free on 0.0.0.0"
 * @param cleared when the condition ended; empty while it is active
 */
public record Alarm(String condition, Severity severity, String text, Instant raised, Optional<Instant> cleared) {

    public boolean active() {
        return cleared.isEmpty();
    }

    Alarm clearedAt(Instant at) {
        return new Alarm(condition, severity, text, raised, Optional.of(at));
    }
}
