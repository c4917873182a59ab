package org.natterjack.media.relay;

import java.nio.ByteBuffer;

/**
 * Reads the first report block of the sender and receiver reports in a compound RTCP packet (RFC 3550
 * section 6.4): the loss and jitter the sending party observes. Touches the buffer by absolute index
 * only and allocates nothing.
 */
final class RtcpReader {

    private static final int SR = 200;
    private static final int RR = 201;

    /** Takes the values of a report block. */
    interface Sink {
        void report(int fractionLost, int cumulativeLost, long jitter);
    }

    private RtcpReader() {
    }

    /** Hands the first report block found to {@code into}; ignores anything malformed. */
    static void read(ByteBuffer p, Sink into) {
        int pos = p.position();
        int end = p.limit();
        while (pos + 8 <= end) {
            int b0 = p.get(pos) & 0xff;
            if ((b0 & 0xc0) != 0x80) {
                return;
            }
            int count = b0 & 0x1f;
            int type = p.get(pos + 1) & 0xff;
            int next = pos + ((p.getShort(pos + 2) & 0xffff) + 1) * 4;
            if (next > end) {
                return;
            }
            int block = type == SR ? pos + 28 : type == RR ? pos + 8 : -1;
            if (block > 0 && count > 0 && block + 24 <= next) {
                int fraction = p.get(block + 4) & 0xff;
                int cumulative = ((p.get(block + 5) << 16) | ((p.get(block + 6) & 0xff) << 8)
                        | (p.get(block + 7) & 0xff)) << 8 >> 8; // signed 24 bits
                long jitter = p.getInt(block + 12) & 0xffffffffL;
                into.report(fraction, cumulative, jitter);
                return;
            }
            pos = next;
        }
    }
}
