package org.natterjack.media.relay;

/**
 * The RTP one party sent the relay, as a receiver sees it (RFC 3550 appendix A).
 *
 * @param received RTP packets received
 * @param lost packets the sequence numbers say were sent but never arrived
 * @param jitterMillis interarrival jitter, 0 when the stream's clock rate is unknown
 */
public record Reception(long received, long lost, double jitterMillis) {

    public static final Reception NONE = new Reception(0, 0, 0);

    /** Lost packets as a share of those expected, in percent. */
    public double lossPercent() {
        long expected = received + lost;
        return expected == 0 ? 0 : 100.0 * lost / expected;
    }
}
