package org.natterjack.cdr;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One call through the proxy, from its INVITE to its end (call detail record).
 *
 * @param caller the From URI's user part (the whole URI when it has none)
 * @param status the final status the caller got (2xx: answered)
 * @param reason that response's reason phrase
 * @param q850 the Q.850 cause from a {@code Reason: Q.850} header (RFC 3326, RFC 6432) of the final response or
 *     the BYE, as PSTN gateways send it
 * @param hungUpBy who ended an answered call; empty for one that was not answered
 * @param node the gateway that handled the call: its {@code node.name} in a shared store, {@code local} alone
 */
public record CallRecord(String callId, Instant started, Optional<Instant> answered, Instant ended, String caller,
                         CallRoute route, int status, String reason, Optional<Integer> q850, Outcome outcome,
                         Optional<HungUpBy> hungUpBy, CallMedia media, String node) {

    /** Talk time: from the answer to the end; zero when not answered. */
    public Duration duration() {
        return answered.map(a -> Duration.between(a, ended)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    }

    /** Poor voice quality or one-way audio, as far as the relay could tell. */
    public boolean poor() {
        return media.quality().map(VoiceQuality::poor).orElse(false);
    }
}
