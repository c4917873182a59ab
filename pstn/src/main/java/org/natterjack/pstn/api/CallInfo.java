package org.natterjack.pstn.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A call through Asterisk: all its channels share {@code id} (Asterisk's linked id).
 *
 * @param direction {@code OUTBOUND} (to the telephone network, or a test call) or {@code INBOUND}
 * @param trunk the trunk it runs on (for an outbound call the one finally dialled, after any failover)
 * @param number the number dialled: the PSTN number (outbound) or the DID (inbound)
 * @param dialStatus how Asterisk's last Dial of it ended (ANSWER, BUSY, CONGESTION, ...); empty before
 * @param channels the names of its live channels
 */
public record CallInfo(String id, String direction, String trunk, String number, String caller, Instant started,
                       Optional<Instant> answered, String dialStatus, List<String> channels) {

    public CallInfo {
        channels = List.copyOf(channels);
    }
}
