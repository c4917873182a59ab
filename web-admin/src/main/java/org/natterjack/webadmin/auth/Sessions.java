package org.natterjack.webadmin.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Logged-in browsers, in memory (a restart logs everyone out); a session unused for the idle timeout ends. */
public final class Sessions {

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Clock clock;

    public Sessions(Duration idleTimeout, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    public Session create(Account account) {
        Session session = new Session(Secrets.token(), account.username(), account.role(), Secrets.token(),
                clock.instant());
        byId.put(session.id(), session);
        return session;
    }

    /** The live session with this id, marked as used now; empty if unknown or idle too long (then it ends). */
    public Optional<Session> touch(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session touched = byId.computeIfPresent(id, (k, s) ->
                s.lastSeen().plus(idleTimeout).isAfter(now) ? s.seen(now) : null);
        return Optional.ofNullable(touched);
    }

    public void end(String id) {
        byId.remove(id);
    }

    /** Ends every session of an account (it was removed). */
    public void endAllOf(String username) {
        byId.values().removeIf(s -> s.username().equals(username));
    }

    /** Drops idle sessions nobody came back to; for a periodic job. */
    public void purgeIdle() {
        Instant now = clock.instant();
        byId.values().removeIf(s -> !s.lastSeen().plus(idleTimeout).isAfter(now));
    }
}
