package org.natterjack.sip.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.natterjack.config.AuthSettings;
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
    private final Supplier<AuthSettings> settings;
    private final Clock clock;

    /** Reads {@code auth.failure-limit}, {@code failure-window-seconds} and {@code block-seconds} at each use. */
    public AuthFailureThrottle(Supplier<AuthSettings> settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public boolean isBlocked(InetAddress source) {
        Record r = bySource.get(source);
        return r != null && r.blockedUntil != null && clock.instant().isBefore(r.blockedUntil);
    }

    public void recordFailure(InetAddress source, String who) {
        Instant now = clock.instant();
        AuthSettings auth = settings.get();
        int limit = auth.failureLimit();
        Duration window = Duration.ofSeconds(auth.failureWindowSeconds());
        Duration block = Duration.ofSeconds(auth.blockSeconds());
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
        Duration window = Duration.ofSeconds(settings.get().failureWindowSeconds());
        bySource.values().removeIf(r -> now.isAfter(r.windowStart.plus(window))
                && (r.blockedUntil == null || now.isAfter(r.blockedUntil)));
    }
}
