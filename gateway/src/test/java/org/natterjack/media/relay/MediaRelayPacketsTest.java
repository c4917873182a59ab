package org.natterjack.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.natterjack.media.relay.Latch.Verdict;

/** The per-packet steps without sockets: validity (RFC 3550, 5761, 7983), RTCP reports, latching. */
class MediaRelayPacketsTest {

    private static final InetSocketAddress A = new InetSocketAddress(Phone.ip("198.51.100.7"), 4000);
    private static final InetSocketAddress A2 = new InetSocketAddress(Phone.ip("198.51.100.7"), 4100);
    private static final InetSocketAddress B = new InetSocketAddress(Phone.ip("203.0.113.66"), 4000);

    private static ByteBuffer bytes(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.flip();
    }

    private static ByteBuffer rtp(int secondByte, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put(0, (byte) 0x80).put(1, (byte) secondByte);
        return b;
    }

    @Test
    void rtpNeedsVersionTwoAndTwelveBytes() {
        assertTrue(PacketKind.RTP.valid(rtp(0, 12), false));
        assertTrue(PacketKind.RTP.valid(rtp(0x80 | 8, 172), false)); // marker + PCMA
        assertFalse(PacketKind.RTP.valid(rtp(0, 11), false));
        assertFalse(PacketKind.RTP.valid(bytes(0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), false));
        assertFalse(PacketKind.RTP.valid(rtp(201, 32), false), "RTCP type on the RTP port is not RTP");
        assertFalse(PacketKind.RTP.valid(ByteBuffer.allocate(0), false));
    }

    @Test
    void rtcpNeedsVersionTwoAnRtcpTypeAndEightBytes() {
        assertTrue(PacketKind.RTP.valid(rtp(200, 28), true));
        assertFalse(PacketKind.RTP.valid(rtp(0, 28), true));
        assertFalse(PacketKind.RTP.valid(rtp(201, 7), true));
        assertTrue(PacketKind.isRtcp(rtp(201, 8)));
        assertFalse(PacketKind.isRtcp(rtp(96, 172)));
    }

    @Test
    void dtlsPacketsCountOnlyOnDtlsStreams() {
        ByteBuffer hello = ByteBuffer.allocate(60).put(0, (byte) 22);

        assertTrue(PacketKind.RTP_DTLS.valid(hello, false));
        assertTrue(PacketKind.RTP_DTLS.valid(hello, true));
        assertFalse(PacketKind.RTP.valid(hello, false));
        assertFalse(PacketKind.RTP_DTLS.valid(ByteBuffer.allocate(60).put(0, (byte) 1), false), "STUN is not");
    }

    @Test
    void nonRtpMediaTakesAnyDatagram() {
        assertTrue(PacketKind.ANY.valid(bytes(0), false));
        assertFalse(PacketKind.ANY.valid(ByteBuffer.allocate(0), false));
    }

    private static List<long[]> reports(ByteBuffer packet) {
        List<long[]> found = new ArrayList<>();
        RtcpReader.read(packet, (fraction, cumulative, jitter) -> found.add(new long[] {fraction, cumulative, jitter}));
        return found;
    }

    @Test
    void readsTheReportBlockOfAReceiverReport() {
        List<long[]> r = reports(ByteBuffer.wrap(Phone.receiverReport()));

        assertEquals(1, r.size());
        assertEquals(64, r.get(0)[0]);
        assertEquals(5, r.get(0)[1]);
        assertEquals(80, r.get(0)[2]);
    }

    @Test
    void readsTheReportBlockOfASenderReportInACompoundPacket() {
        ByteBuffer b = ByteBuffer.allocate(52 + 12);
        b.put((byte) 0x81).put((byte) 200).putShort((short) 12).putInt(7); // SR, 1 block, 13 words
        b.put(new byte[20]);                                                // sender info
        b.putInt(9).put((byte) 128).put((byte) 0xff).put((byte) 0xff).put((byte) 0xfe); // cumulative -2
        b.putInt(0).putInt(1234).putInt(0).putInt(0);
        b.put((byte) 0x81).put((byte) 202).putShort((short) 2).putInt(7).putInt(0); // SDES follows

        List<long[]> r = reports(b.flip());

        assertEquals(List.of(128L, -2L, 1234L), List.of(r.get(0)[0], r.get(0)[1], r.get(0)[2]));
    }

    @Test
    void ignoresTruncatedOrForeignRtcp() {
        byte[] rr = Phone.receiverReport();
        assertEquals(0, reports(ByteBuffer.wrap(rr, 0, 20)).size(), "length says 32 bytes");
        assertEquals(0, reports(bytes(0x80, 201, 0, 1, 0, 0, 0, 0)).size(), "RR without blocks");
        assertEquals(0, reports(bytes(0x81, 203, 0, 1, 0, 0, 0, 0)).size(), "BYE");
        assertEquals(0, reports(bytes(0x00, 201, 0xff, 0xff, 0, 0, 0, 0)).size());
    }

    @Test
    void firstSourceLatchesAndOthersAreForeign() {
        Latch latch = new Latch();

        assertEquals(Verdict.LATCHED, latch.admit(A, 0, 5000));
        assertEquals(Verdict.ACCEPTED, latch.admit(A, 10, 5000));
        assertEquals(Verdict.FOREIGN, latch.admit(B, 20, 5000));
        assertEquals(Verdict.FOREIGN, latch.admit(A2, 4999 + 10, 5000));
        assertEquals(Verdict.LATCHED, latch.admit(A2, 5000 + 10, 5000), "after five silent seconds");
        assertEquals(A2, latch.source());
    }

    @Test
    void onlyExpectedAddressesMayLatch() {
        Latch latch = new Latch();
        latch.expect(new InetAddress[] {A.getAddress()});

        assertEquals(Verdict.FOREIGN, latch.admit(B, 0, 5000));
        assertNull(latch.source());
        assertEquals(Verdict.LATCHED, latch.admit(A, 1, 5000));
        assertEquals(Verdict.FOREIGN, latch.admit(B, 60_000, 5000), "not even after silence");
        assertEquals(Verdict.LATCHED, latch.admit(A2, 60_000, 5000));
    }

    @Test
    void aSignalledChangeLetsTheNextPacketLatch() {
        Latch latch = new Latch();
        latch.allowRelatch(); // nothing latched yet: nothing to open
        latch.admit(A, 0, 5000);

        latch.allowRelatch();

        assertEquals(Verdict.ACCEPTED, latch.admit(A, 1, 5000), "the old source still counts until a new one");
        assertEquals(Verdict.LATCHED, latch.admit(A2, 2, 5000));
        assertEquals(Verdict.FOREIGN, latch.admit(A, 3, 5000), "and only one new source");
    }
}
