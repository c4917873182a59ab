package org.natterjack.pstn.api;

import java.time.Instant;

/**
 * Whether the adapter is logged in to Asterisk's manager interface, since when, and if not, why.
 *
 * @param reason what went wrong (connection refused, authentication failed, no answer to ping); empty when up
 */
public record AsteriskLink(boolean up, String reason, Instant since) {
}
