package org.natterjack.webadmin.auth;

import java.time.Instant;

/** A web admin account (without its password hash). */
public record Account(String username, Role role, Instant createdAt) {
}
