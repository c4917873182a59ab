package org.natterjack.webadmin.auth;

import java.time.Instant;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.webadmin.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logging in (with lockout) and first-run setup, for the pages and the API alike. */
public final class SignIn {

    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);

    /** How a login attempt ended. */
    public sealed interface Outcome {
        record LoggedIn(Session session) implements Outcome {
        }

        record Refused() implements Outcome {
        }

        record Locked(Instant until) implements Outcome {
        }
    }

    private final Accounts accounts;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final SetupToken setup;
    private final AuditLog audit;

    public SignIn(Accounts accounts, Sessions sessions, LoginThrottle throttle, SetupToken setup, AuditLog audit) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.setup = setup;
        this.audit = audit;
    }

    public Outcome login(String username, String password, String source) {
        String name = username == null ? "" : username.trim();
        if (throttle.lockedUntil(name).isPresent()) {
            throttle.failed(name);
            return new Outcome.Locked(throttle.lockedUntil(name).orElseThrow());
        }
        var account = accounts.authenticate(name, password == null ? "" : password);
        if (account.isEmpty()) {
            if (throttle.failed(name)) {
                LOG.warn("Web admin: account '{}' locked after repeated failed logins (last from {})", name, source);
                return new Outcome.Locked(throttle.lockedUntil(name).orElseThrow());
            }
            return new Outcome.Refused();
        }
        throttle.succeeded(name);
        return new Outcome.LoggedIn(sessions.create(account.get()));
    }

    /** Drops idle sessions and forgotten login failures; for a periodic job. */
    public void purge() {
        sessions.purgeIdle();
        throttle.purge();
    }

    public void logout(Session session) {
        sessions.end(session.id());
    }

    public boolean setupPending() {
        return setup.pending();
    }

    /**
     * Creates the first admin account if {@code token} is the setup token, which then stops working.
     *
     * @return the new admin's session, to log the browser in at once
     * @throws IllegalArgumentException for a wrong or used token, or an invalid username or password
     */
    public Session setUp(String token, String username, String password) {
        Accounts.checkPassword(password);
        Account[] created = new Account[1];
        if (!setup.redeem(token, () -> created[0] = accounts.add(username, password, Role.ADMIN))) {
            throw new InvalidFieldException("token", "token: the setup link is wrong or was used already");
        }
        audit.record(username, "account.add", username, null, created[0]);
        LOG.info("Web admin: first admin account '{}' created; the setup link no longer works", username);
        return sessions.create(created[0]);
    }
}
