package org.natterjack.webadmin.audit;

import java.time.Instant;

/**
 * One change.
 *
 * @param actor the account, or {@code token:NAME}
 * @param action what was done, e.g. {@code sip-user.add}
 * @param target what it was done to, e.g. {@code alice@example.org}
 * @param oldValue the state before as JSON, empty for an addition
 * @param newValue the state after as JSON, empty for a removal
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String oldValue,
                         String newValue) {
}
