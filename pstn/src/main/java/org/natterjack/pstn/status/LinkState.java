package org.natterjack.pstn.status;

import java.time.Instant;

/**
 * Whether the adapter is logged in to Asterisk's manager interface, since when, and if not, why.
 *
 * @param reason what went wrong (connection refused, authentication failed, no answer to ping); empty when up
 */
public record LinkState(boolean up, String reason, Instant since) {

    public static LinkState up(Instant since) {
        return new LinkState(true, "", since);
    }

    public static LinkState down(String reason, Instant since) {
        return new LinkState(false, reason, since);
    }
}
