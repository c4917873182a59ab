package org.natterjack.media.relay;

import java.nio.ByteBuffer;

/**
 * What the relay observes of the RTP one party sends it, the way a receiver does (RFC 3550 appendix A.1 and
 * A.8): packets expected from the sequence numbers, packets received, and the interarrival jitter. A new
 * SSRC (a re-INVITE, a transfer) starts a new source whose counts add to the earlier ones. Engine thread only;
 * reads the packet by absolute index and allocates nothing.
 */
final class RtpReception {

    /** Sequence numbers further ahead than this are a restart of the source, not loss (RFC 3550 A.1). */
    private static final int MAX_DROPOUT = 3000;

    private boolean started;
    private int ssrc;
    private int baseSeq;
    private int maxSeq;
    private int cycles;
    private long received;
    private long earlierExpected;
    private long earlierReceived;
    private double lastTransit;
    private double jitter;

    /**
     * One RTP packet of the party, between {@code p}'s position and limit, arrived at {@code arrivalNanos}.
     *
     * @param clockRate the stream's RTP clock rate from SDP, 0 if unknown (jitter is then not measured)
     */
    void received(ByteBuffer p, long arrivalNanos, int clockRate) {
        int pos = p.position();
        if (p.limit() - pos < 12) {
            return;
        }
        int seq = p.getShort(pos + 2) & 0xffff;
        long timestamp = p.getInt(pos + 4) & 0xffffffffL;
        int source = p.getInt(pos + 8);
        if (!started || source != ssrc) {
            restart(source, seq);
        } else {
            int delta = (seq - maxSeq) & 0xffff;
            if (delta < MAX_DROPOUT) {
                if (seq < maxSeq) {
                    cycles++;
                }
                maxSeq = seq;
            } else if (delta > 0xffff - 100) {
                // A late or duplicate packet: counted as received, the highest number stays.
            } else {
                restart(source, seq);
            }
        }
        received++;
        if (clockRate > 0) {
            double transit = arrivalNanos * (clockRate / 1e9) - timestamp;
            if (received - earlierReceived > 1) {
                jitter += (Math.abs(transit - lastTransit) - jitter) / 16;
            }
            lastTransit = transit;
        }
    }

    private void restart(int source, int seq) {
        earlierExpected = expected();
        earlierReceived = received;
        started = true;
        ssrc = source;
        baseSeq = seq;
        maxSeq = seq;
        cycles = 0;
    }

    private long expected() {
        return started ? earlierExpected + (((long) cycles << 16) + maxSeq - baseSeq + 1) : 0;
    }

    Reception snapshot(int clockRate) {
        long expected = expected();
        return new Reception(received, Math.max(0, expected - received),
                clockRate > 0 ? jitter * 1000.0 / clockRate : 0);
    }
}
