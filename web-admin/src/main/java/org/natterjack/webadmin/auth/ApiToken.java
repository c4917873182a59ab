package org.natterjack.webadmin.auth;

import java.time.Instant;

/** An API token as listed (the secret itself is shown only when it is created). */
public record ApiToken(long id, String name, Role role, String createdBy, Instant createdAt) {
}
