package org.natterjack.webadmin.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks an account name after {@code limit} failed logins in a row, for {@code lockout}; while locked, even
 * the right password is refused (so guessing gains nothing). A success resets the count.
 */
public final class LoginThrottle {

    private record Failures(int count, Instant last, Optional<Instant> lockedUntil) {
    }

    private final Map<String, Failures> byName = new ConcurrentHashMap<>();
    private final int limit;
    private final Duration lockout;
    private final Clock clock;

    public LoginThrottle(int limit, Duration lockout, Clock clock) {
        this.limit = limit;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** When the lock on {@code username} ends, if it is locked now. */
    public Optional<Instant> lockedUntil(String username) {
        Failures f = byName.get(key(username));
        Instant now = clock.instant();
        return f == null ? Optional.empty() : f.lockedUntil().filter(now::isBefore);
    }

    /** Counts a failure; true if this one locked the account. */
    public boolean failed(String username) {
        Instant now = clock.instant();
        Failures f = byName.compute(key(username), (k, old) -> {
            int count = old == null || old.lockedUntil().map(u -> !now.isBefore(u)).orElse(false) ? 1
                    : old.count() + 1;
            return new Failures(count, now, count >= limit ? Optional.of(now.plus(lockout)) : Optional.empty());
        });
        return f.count() == limit;
    }

    public void succeeded(String username) {
        byName.remove(key(username));
    }

    /**
     * Forgets names that are not locked and failed last more than a lockout ago, so made-up names cannot
     * fill memory; for a periodic job.
     */
    public void purge() {
        Instant cutoff = clock.instant().minus(lockout);
        byName.values().removeIf(f -> f.last().isBefore(cutoff)
                && f.lockedUntil().map(u -> u.isBefore(clock.instant())).orElse(true));
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
