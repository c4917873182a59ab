package org.natterjack.sip.transport;

/**
 * Decides, from the queueing delay, which new calls and registrations to admit: all while the delay is at most the
 * limit, none at twice the limit, and in between a share falling linearly with the delay (refusing 30 % at 1.3 times
 * the limit), so that only the excess is refused and the rest of the offered load keeps being served. A delay
 * above the limit for less than twice the limit on end is a burst (a garbage collection pause) and refuses nothing;
 * as soon as the delay is back under the limit everything is admitted again.
 *
 * <p>The share is kept exactly rather than drawn at random: each request adds its admitted share to a credit and is
 * admitted when the credit reaches one. Plain values in, a decision out; thread-safe.
 */
final class Shedding {

    /** When the delay rose above the limit (milliseconds), or -1 while it is at most the limit. */
    private long aboveSince = -1;
    private double credit;

    /**
     * Whether to admit a new request that saw {@code delayMs} of queueing at {@code nowMs}, with {@code limitMs} the
     * limit (0 or less: admit everything).
     */
    synchronized boolean admit(long delayMs, long limitMs, long nowMs) {
        if (limitMs <= 0 || delayMs <= limitMs) {
            aboveSince = -1;
            credit = 0;
            return true;
        }
        if (aboveSince < 0) {
            aboveSince = nowMs;
        }
        if (nowMs - aboveSince < 2 * limitMs) {
            return true;
        }
        double refuse = Math.min(1.0, (double) (delayMs - limitMs) / limitMs);
        credit += 1.0 - refuse;
        if (credit >= 1.0) {
            credit -= 1.0;
            return true;
        }
        return false;
    }

    /** How long the delay has stood above the limit, for the log; 0 if it has not. */
    synchronized long aboveForMs(long nowMs) {
        return aboveSince < 0 ? 0 : nowMs - aboveSince;
    }
}
