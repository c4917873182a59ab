package org.natterjack.webadmin.auth;

import java.time.Instant;

/**
 * A logged-in browser.
 *
 * @param csrfToken must accompany every state-changing request made with this session's cookie
 */
public record Session(String id, String username, Role role, String csrfToken, Instant lastSeen) {

    Session seen(Instant now) {
        return new Session(id, username, role, csrfToken, now);
    }
}
