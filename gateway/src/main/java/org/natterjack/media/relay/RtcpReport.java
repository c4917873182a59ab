package org.natterjack.media.relay;

import java.util.OptionalDouble;

/**
 * The last RTCP report block a party sent (RFC 3550 section 6.4.1): what it observes of the media it
 * receives through the relay.
 *
 * @param fractionLost share of packets lost since its previous report, 0.0-1.0
 * @param cumulativeLost packets lost since the start (may be negative with duplicates)
 * @param jitter interarrival jitter in RTP timestamp units
 * @param clockRate the stream's RTP clock rate from SDP, 0 if unknown
 */
public record RtcpReport(double fractionLost, int cumulativeLost, long jitter, int clockRate) {

    /** Jitter in milliseconds, when the clock rate is known. */
    public OptionalDouble jitterMillis() {
        return clockRate > 0 ? OptionalDouble.of(jitter * 1000.0 / clockRate) : OptionalDouble.empty();
    }
}
