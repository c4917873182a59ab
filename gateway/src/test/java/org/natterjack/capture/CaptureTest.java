package org.natterjack.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.natterjack.net.Transport;

class CaptureTest {

    private static final InetSocketAddress GATEWAY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
    private static final InetSocketAddress ALICE = new InetSocketAddress("192.0.2.10", 5071);
    private static final InetSocketAddress BOB = new InetSocketAddress("192.0.2.20", 5072);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00.250Z"), ZoneOffset.UTC);

    private static byte[] sip(String firstLine, String callId, String... headers) {
        StringBuilder m = new StringBuilder(firstLine).append("\r\nVia: SIP/2.0/UDP x;branch=z9hG4bK1\r\n");
        for (String h : headers) {
            m.append(h).append("\r\n");
        }
        m.append(callId.startsWith("i:") ? callId : "Call-ID: " + callId).append("\r\nContent-Length: 0\r\n\r\n");
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theCallIdIsReadInItsLongAndCompactForm() {
        assertEquals("abc@host", SipHeads.callId(sip("INVITE sip:b@x SIP/2.0", "abc@host")));
        assertEquals("c2", SipHeads.callId(sip("SIP/2.0 200 OK", "i:  c2 ")));
        assertEquals("", SipHeads.callId("OPTIONS sip:x SIP/2.0\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void credentialsAreMaskedButTheUsernameStays() {
        byte[] register = sip("REGISTER sip:x SIP/2.0", "r1", "Authorization: Digest username=\"alice\","
                + " realm=\"natterjack\", nonce=\"n1\", response=\"0123456789abcdef\"",
                "proxy-authorization : Digest username=bob,response=\"feed\"");
        String masked = new String(Masking.mask(register), StandardCharsets.UTF_8);
        assertTrue(masked.contains("Authorization: Digest username=\"alice\", [masked]\r\n"), masked);
        assertTrue(masked.contains("proxy-authorization : Digest username=bob, [masked]\r\n"), masked);
        assertFalse(masked.contains("0123456789abcdef") || masked.contains("feed") || masked.contains("n1"), masked);
        byte[] plain = sip("INVITE sip:b@x SIP/2.0", "c1");
        assertArrayEquals(plain, Masking.mask(plain));
    }

    @Test
    void theRingKeepsTheNewestWithinItsBudget() {
        List<CapturedMessage> copied = new ArrayList<>();
        byte[] one = sip("OPTIONS sip:x SIP/2.0", "c0");
        // Room for two records (header and octets), not three: each new one pushes the oldest out.
        CaptureRing ring = new CaptureRing(2 * (one.length + 59) + 30, InetAddress.getLoopbackAddress(), CLOCK,
                copied::add);
        for (int i = 0; i < 5; i++) {
            ring.tapped(i % 2 == 0, Transport.UDP, GATEWAY, i % 2 == 0 ? ALICE : BOB,
                    sip("OPTIONS sip:x SIP/2.0", "c" + i));
        }
        ring.tapped(false, Transport.UDP, GATEWAY, ALICE, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(ring.ofCall("c0").isEmpty() && ring.ofCall("c2").isEmpty(), "the oldest went first");
        assertEquals(2, ring.usage().messages());
        CapturedMessage last = ring.ofCall("c4").get(0);
        assertEquals(List.of(CLOCK.instant(), true, Transport.UDP, GATEWAY, ALICE, "c4"),
                List.of(last.time(), last.sent(), last.transport(), last.local(), last.remote(), last.callId()));
        assertArrayEquals(sip("OPTIONS sip:x SIP/2.0", "c4"), last.octets());
        assertEquals(BOB, ring.ofCall("c3").get(0).remote(), "read back as written, across the wrap");
        assertEquals(5, copied.size(), "every message reaches the HEP copy, keepalives none");
    }

    @Test
    void aRingReadsBackEveryMessageOfACallAfterManyLaps() {
        CaptureRing ring = new CaptureRing(20_000, InetAddress.getLoopbackAddress(), CLOCK, null);
        for (int i = 0; i < 1000; i++) {
            ring.tapped(false, Transport.TCP, GATEWAY, ALICE, sip("INVITE sip:b@x SIP/2.0", "call-" + (i % 7),
                    "X-Pad: " + "p".repeat(i % 50)));
        }
        int kept = ring.usage().messages();
        assertTrue(kept > 50 && ring.usage().usedBytes() <= 20_000, ring.usage().toString());
        int found = 0;
        for (int c = 0; c < 7; c++) {
            for (CapturedMessage m : ring.ofCall("call-" + c)) {
                assertEquals("call-" + c, SipHeads.callId(m.octets()));
                assertEquals(Transport.TCP, m.transport());
                found++;
            }
        }
        assertEquals(kept, found);
    }

    @Test
    void aWildcardLocalAddressIsShownAsTheAdvertisedOne() throws Exception {
        CaptureRing ring = new CaptureRing(100_000, InetAddress.getByName("203.0.113.1"), CLOCK, m -> { });
        ring.tapped(true, Transport.UDP, new InetSocketAddress("0.0.0.0", 5060), ALICE, sip("BYE sip:a SIP/2.0", "w"));
        assertEquals(new InetSocketAddress("203.0.113.1", 5060), ring.ofCall("w").get(0).local());
    }

    private static List<CapturedMessage> call() {
        List<CapturedMessage> m = new ArrayList<>();
        Instant t = CLOCK.instant();
        m.add(new CapturedMessage(t, false, Transport.UDP, GATEWAY, ALICE, "c", sip("INVITE sip:bob@x SIP/2.0", "c")));
        m.add(new CapturedMessage(t, true, Transport.UDP, GATEWAY, ALICE, "c", sip("SIP/2.0 100 Trying", "c")));
        m.add(new CapturedMessage(t, true, Transport.TCP, GATEWAY, BOB, "c", sip("INVITE sip:bob@y SIP/2.0", "c")));
        m.add(new CapturedMessage(t.plusMillis(40), false, Transport.TCP, GATEWAY, BOB, "c",
                sip("SIP/2.0 180 Ringing", "c")));
        return m;
    }

    @Test
    void theLadderPutsTheCallerLeftAndTheCalleeRightOfTheGateway() {
        Ladder ladder = Ladder.of(call());
        assertEquals(List.of(new Ladder.Party("caller", "192.0.2.10:5071"), new Ladder.Party(Ladder.GATEWAY, ""),
                new Ladder.Party("callee", "192.0.2.20:5072")), ladder.parties());
        assertEquals(List.of("INVITE", "100 Trying", "INVITE", "180 Ringing"),
                ladder.arrows().stream().map(Ladder.Arrow::label).toList());
        Ladder.Arrow ringing = ladder.arrows().get(3);
        assertEquals(2, ringing.from());
        assertEquals(1, ringing.to());
        assertEquals(40, ringing.after().toMillis());
        assertEquals(List.of("caller 0301234", Ladder.GATEWAY, "callee trunk:pstn"), ladder.naming("0301234",
                "trunk:pstn").parties().stream().map(Ladder.Party::name).toList());
    }

    @Test
    void aPcapHasTheFileHeaderAndAnIpv4UdpPacketPerMessage() {
        byte[] pcap = Pcap.of(call());
        ByteBuffer b = ByteBuffer.wrap(pcap);
        assertEquals(0xa1b2c3d4, b.getInt(0));
        assertEquals(101, b.getInt(20), "LINKTYPE_RAW");
        int offset = 24;
        for (CapturedMessage m : call()) {
            assertEquals((int) m.time().getEpochSecond(), b.getInt(offset));
            int length = b.getInt(offset + 8);
            int ip = offset + 16;
            assertEquals(0x45, b.get(ip) & 0xff);
            assertEquals(17, b.get(ip + 9), "UDP");
            assertEquals(0, ipChecksum(pcap, ip), "the header checksum adds up");
            assertEquals(m.source().getPort(), b.getShort(ip + 20) & 0xffff);
            assertEquals(m.destination().getPort(), b.getShort(ip + 22) & 0xffff);
            assertEquals(new String(m.octets(), StandardCharsets.UTF_8),
                    new String(pcap, ip + 28, length - 28, StandardCharsets.UTF_8));
            offset = ip + length;
        }
        assertEquals(pcap.length, offset);
    }

    private static int ipChecksum(byte[] b, int from) {
        long sum = 0;
        for (int i = from; i < from + 20; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    @Test
    void aHepPacketCarriesTheAddressesTheTimeTheCallIdAndTheMaskedMessage() {
        CapturedMessage m = new CapturedMessage(CLOCK.instant(), true, Transport.UDP, GATEWAY, BOB, "c",
                sip("INVITE sip:bob@y SIP/2.0", "c", "Proxy-Authorization: Digest username=\"a\", response=\"x\""));
        ByteBuffer b = ByteBuffer.wrap(Hep.encode(m, 2001, Optional.of("secret")));
        assertEquals("HEP3", new String(b.array(), 0, 4, StandardCharsets.US_ASCII));
        assertEquals(b.capacity(), b.getShort(4) & 0xffff);
        java.util.Map<Integer, byte[]> chunks = new java.util.HashMap<>();
        for (int at = 6; at < b.capacity(); ) {
            assertEquals(0, b.getShort(at), "generic vendor");
            int type = b.getShort(at + 2);
            int length = b.getShort(at + 4) & 0xffff;
            byte[] value = new byte[length - 6];
            System.arraycopy(b.array(), at + 6, value, 0, value.length);
            chunks.put(type, value);
            at += length;
        }
        assertArrayEquals(new byte[] {2}, chunks.get(Hep.FAMILY));
        assertArrayEquals(new byte[] {17}, chunks.get(Hep.PROTOCOL));
        assertArrayEquals(GATEWAY.getAddress().getAddress(), chunks.get(Hep.IPV4_SOURCE));
        assertArrayEquals(BOB.getAddress().getAddress(), chunks.get(Hep.IPV4_DESTINATION));
        assertEquals(5072, ByteBuffer.wrap(chunks.get(Hep.DESTINATION_PORT)).getShort() & 0xffff);
        assertEquals(250_000, ByteBuffer.wrap(chunks.get(Hep.MICROSECONDS)).getInt());
        assertEquals(2001, ByteBuffer.wrap(chunks.get(Hep.AGENT_ID)).getInt());
        assertEquals("secret", new String(chunks.get(Hep.PASSWORD), StandardCharsets.UTF_8));
        assertEquals("c", new String(chunks.get(Hep.CORRELATION_ID), StandardCharsets.UTF_8));
        assertEquals(m.maskedText(), new String(chunks.get(Hep.PAYLOAD), StandardCharsets.UTF_8));
        assertFalse(m.maskedText().contains("response=\"x\""));
    }
}
