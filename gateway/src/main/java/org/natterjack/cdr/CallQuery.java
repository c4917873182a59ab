package org.natterjack.cdr;

import java.time.Instant;
import java.util.Optional;

/**
 * A search of the call history; every part that is set must match.
 *
 * @param from calls that started at or after this
 * @param to calls that started before this
 * @param number a part of the caller's, dialled or routed number
 * @param user the caller or the callee, exactly
 * @param poorOnly only calls with poor voice quality or one-way audio
 * @param limit at most this many, the newest first
 */
public record CallQuery(Optional<Instant> from, Optional<Instant> to, Optional<String> number,
                        Optional<String> user, Optional<Outcome> outcome, boolean poorOnly, int limit) {

    public static final int MAX_LIMIT = 100_000;

    public CallQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT);
        }
        number = number.map(String::trim).filter(n -> !n.isEmpty());
        user = user.map(String::trim).filter(u -> !u.isEmpty());
    }

    /** The newest {@code limit} calls. */
    public static CallQuery latest(int limit) {
        return new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, limit);
    }
}
