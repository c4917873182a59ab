package org.natterjack.sip.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocks a source address for a while after too many failed authentications within a window, so password
 * guessing from one address is slowed to a crawl. One log line when a block starts.
 */
public final class AuthFailureThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureThrottle.class);

    private record Record(Instant windowStart, int failures, Instant blockedUntil) {
    }

    private final ConcurrentHashMap<InetAddress, Record> bySource = new ConcurrentHashMap<>();
    private final int limit;
    private final Duration window;
    private final Duration block;
    private final Clock clock;

    public AuthFailureThrottle(int limit, Duration window, Duration block, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.block = block;
        this.clock = clock;
    }

    public boolean isBlocked(InetAddress source) {
        Record r = bySource.get(source);
        return r != null && r.blockedUntil != null && clock.instant().isBefore(r.blockedUntil);
    }

    public void recordFailure(InetAddress source, String who) {
        Instant now = clock.instant();
        boolean[] blocked = {false};
        bySource.compute(source, (k, old) -> {
            boolean newWindow = old == null || now.isAfter(old.windowStart.plus(window));
            int failures = newWindow ? 1 : old.failures + 1;
            if (failures >= limit) {
                blocked[0] = true;
                return new Record(now, 0, now.plus(block)); // count afresh once the block is over
            }
            return new Record(newWindow ? now : old.windowStart, failures, old == null ? null : old.blockedUntil);
        });
        if (blocked[0]) {
            LOG.warn("Blocking {} for {} s after {} failed authentications within {} s (last tried: {})",
                    source.getHostAddress(), block.toSeconds(), limit, window.toSeconds(), who);
        }
    }

    /** Forgets sources whose window and block have both passed; called periodically. */
    public void purge() {
        Instant now = clock.instant();
        bySource.values().removeIf(r -> now.isAfter(r.windowStart.plus(window))
                && (r.blockedUntil == null || now.isAfter(r.blockedUntil)));
    }
}
