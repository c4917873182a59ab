package org.natterjack.upgrade;

import java.time.Duration;
import java.time.Instant;

/**
 * When a drain ends: once no call is left, or at the deadline with calls still up (they are cut by the reboot).
 * A pure decision over the time and the count of calls; the agent polls it.
 */
public record Drain(Instant started, Duration deadline) {

    /** Where the drain stands. */
    public sealed interface Step {
    }

    /** Calls are still up and time is left. */
    public record Waiting(int callsLeft, long secondsLeft) implements Step {
    }

    /** Go on: {@code callsLeft} is 0, or the number of calls the deadline cut short. */
    public record Done(int callsLeft) implements Step {
    }

    public Step step(Instant now, int activeCalls) {
        Instant end = started.plus(deadline);
        if (activeCalls <= 0 || !now.isBefore(end)) {
            return new Done(Math.max(0, activeCalls));
        }
        return new Waiting(activeCalls, Math.max(1, Duration.between(now, end).toSeconds()));
    }
}
