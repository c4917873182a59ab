package org.natterjack.webadmin.auth;

import java.util.Optional;

/**
 * Who makes a request: an account with a browser session, or an API token.
 *
 * @param name the account, or {@code token:NAME} for an API token (what the audit log records)
 * @param session the browser session (cookie), empty for a bearer token
 */
public record Principal(String name, Role role, Optional<Session> session) {
}
