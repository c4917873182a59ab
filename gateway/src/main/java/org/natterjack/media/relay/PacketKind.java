package org.natterjack.media.relay;

import java.nio.ByteBuffer;
import org.natterjack.media.sdp.MediaLine;

/**
 * Which datagrams count as media for a stream, so that the first valid packet (not any packet) latches:
 * plain RTP/RTCP; RTP/RTCP plus DTLS handshakes (RFC 7983 demultiplexing) for DTLS-SRTP; anything for
 * non-RTP datagram media such as T.38 over UDPTL.
 */
enum PacketKind {
    RTP, RTP_DTLS, ANY;

    static PacketKind of(MediaLine m) {
        return !m.isRtp() ? ANY : m.isDtls() ? RTP_DTLS : RTP;
    }

    /** Reads the buffer between position and limit without moving either. */
    boolean valid(ByteBuffer p, boolean rtcp) {
        int len = p.remaining();
        if (this == ANY) {
            return len > 0;
        }
        int b0 = len > 0 ? p.get(p.position()) & 0xff : -1;
        if (this == RTP_DTLS && b0 >= 20 && b0 <= 63 && len >= 13) {
            return true;
        }
        if ((b0 & 0xc0) != 0x80) {
            return false;
        }
        // RTP never uses marker + payload type 64-95 (RFC 3551 reserves 72-76): that is RTCP, not RTP.
        return rtcp ? len >= 8 && isRtcpType(p) : len >= 12 && !isRtcpType(p);
    }

    /** A valid packet that is RTP (not RTCP, DTLS or other datagram media). */
    boolean isRtp(ByteBuffer p, boolean rtcp) {
        return this != ANY && !rtcp && (p.get(p.position()) & 0xc0) == 0x80;
    }

    /**
     * RTCP on a multiplexed port (RFC 5761 section 4): the second byte is an RTCP packet type 192-223,
     * which RTP never uses as marker bit plus payload type.
     */
    static boolean isRtcp(ByteBuffer p) {
        return p.remaining() >= 8 && (p.get(p.position()) & 0xc0) == 0x80 && isRtcpType(p);
    }

    private static boolean isRtcpType(ByteBuffer p) {
        int type = p.get(p.position() + 1) & 0xff;
        return type >= 192 && type <= 223;
    }
}
