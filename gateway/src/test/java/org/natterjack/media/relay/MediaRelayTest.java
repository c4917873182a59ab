package org.natterjack.media.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natterjack.media.relay.Calls.audio;
import static org.natterjack.media.relay.Calls.rewritten;
import static org.natterjack.media.relay.Calls.target;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.testing.MutableClock;

/** Two phones on loopback talk through a relay session: forwarding, RTCP, mux, bridging, teardown. */
class MediaRelayTest {

    private static final InetAddress LOCAL = Phone.ip("127.0.0.1");

    private final MutableClock clock = new MutableClock();
    private MediaRelay relay;
    private Phone alice;
    private Phone bob;

    @BeforeEach
    void start() throws Exception {
        relay = MediaRelay.start(Calls.settings(Calls.PORT_MIN, Calls.PORT_MAX, "127.0.0.1", "::1"), LOCAL, clock);
        alice = new Phone("127.0.0.1");
        bob = new Phone("127.0.0.1");
    }

    @AfterEach
    void stop() {
        relay.close();
        alice.close();
        bob.close();
    }

    /** Offer from alice, answer from bob; returns {where alice sends, where bob sends}. */
    private InetSocketAddress[] call(RelaySession session, byte[] offer, byte[] answer) throws Exception {
        Sdp toBob = rewritten(session.offer(Side.CALLER, offer, Optional.of(LOCAL), Optional.empty()));
        Sdp toAlice = rewritten(session.answer(Side.CALLEE, answer, Optional.of(LOCAL)));
        return new InetSocketAddress[] {target(toAlice, 0), target(toBob, 0)};
    }

    @Test
    void rtpFlowsBothWaysAndIsCounted() throws Exception {
        RelaySession session = relay.open("call-1");
        InetSocketAddress[] to = call(session, audio("127.0.0.1", alice.port()), audio("127.0.0.1", bob.port()));

        byte[] packet = alice.rtp(1);
        alice.send(packet, to[0]);
        assertArrayEquals(packet, bob.receive());
        bob.send(bob.rtp(2), to[1]);
        alice.expect(2);
        alice.send(alice.rtp(3), to[0]);
        bob.expect(3);

        StreamStats stream = session.stats().streams().get(0);
        assertEquals("audio", stream.media());
        assertEquals(2, stream.caller().packetsIn());
        assertEquals(2L * packet.length, stream.caller().bytesIn());
        assertEquals(2, stream.callee().packetsOut());
        assertEquals(1, stream.callee().packetsIn());
        assertEquals(1, stream.caller().packetsOut());
        assertEquals(1, stream.caller().latchEvents());
        assertEquals(Optional.of(new InetSocketAddress(LOCAL, alice.port())), stream.caller().latched());
        assertEquals(0, session.stats().dropped());
        assertEquals(new InetSocketAddress(LOCAL, to[0].getPort()), stream.caller().local());
    }

    @Test
    void rewrittenSdpPointsEachPartyAtItsOwnRelaySocketsOnEvenPorts() throws Exception {
        RelaySession session = relay.open("call-1");
        Sdp toBob = rewritten(session.offer(Side.CALLER, audio("127.0.0.1", alice.port()), Optional.of(LOCAL),
                Optional.empty()));
        Sdp toAlice = rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", bob.port()), Optional.of(LOCAL)));

        int calleeSide = toBob.media().get(0).mline().port();
        int callerSide = toAlice.media().get(0).mline().port();
        assertTrue(calleeSide != callerSide);
        assertEquals(0, calleeSide % 2);
        assertEquals(0, callerSide % 2);
        assertTrue(calleeSide >= Calls.PORT_MIN && calleeSide <= Calls.PORT_MAX);
        assertTrue(toBob.hasSessionAttribute("natterjack-relay"));
        assertEquals("127.0.0.1", toBob.connection().orElseThrow().address());
    }

    @Test
    void mediaGoesToTheSdpAddressUntilThePartyLatches() throws Exception {
        try (Phone aliceSdpAddress = new Phone("127.0.0.1")) {
            RelaySession session = relay.open("call-1");
            // Alice's SDP names another socket than the one she sends from (her private address behind NAT).
            InetSocketAddress[] to = call(session, audio("127.0.0.1", aliceSdpAddress.port()),
                    audio("127.0.0.1", bob.port()));

            bob.send(bob.rtp(1), to[1]);
            aliceSdpAddress.expect(1);

            alice.send(alice.rtp(2), to[0]);
            bob.expect(2);
            bob.send(bob.rtp(3), to[1]);
            alice.expect(3); // symmetric: back to where alice really sends from
            assertEquals(Optional.empty(), aliceSdpAddress.receive(100));
        }
    }

    @Test
    void aPrivateSdpAddressOfAPartyBehindNatIsNeverSentTo() throws Exception {
        RelaySession session = relay.open("call-1");
        // Alice signals from her NAT's public address and writes her private one into the SDP.
        Sdp toBob = rewritten(session.offer(Side.CALLER, audio("10.0.0.2", 6000), Optional.of(Phone.ip("203.0.113.1")),
                Optional.empty()));
        Sdp toAlice = rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", bob.port()), Optional.of(LOCAL)));

        bob.send(bob.rtp(1), target(toBob, 0));
        Calls.await(() -> session.stats().dropped() == 1, "bob's packet dropped");

        StreamStats stream = session.stats().streams().get(0);
        assertEquals(1, stream.caller().droppedNoDestination() + stream.callee().droppedNoDestination(),
                "held back until alice's own packets show where her NAT is, not sent to 10.0.0.2");
        assertEquals(0, stream.caller().packetsOut());
        assertTrue(target(toAlice, 0).getPort() > 0);
    }

    @Test
    void rtcpGoesPortToPortAndItsReportIsRead() throws Exception {
        try (Phone bobRtcp = new Phone("127.0.0.1"); Phone aliceRtcp = new Phone("127.0.0.1")) {
            RelaySession session = relay.open("call-1");
            Sdp toBob = rewritten(session.offer(Side.CALLER, audio("127.0.0.1", alice.port(),
                    "a=rtcp:" + aliceRtcp.port()), Optional.of(LOCAL), Optional.empty()));
            Sdp toAlice = rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", bob.port(),
                    "a=rtcp:" + bobRtcp.port()), Optional.of(LOCAL)));
            int aliceSendsRtcpTo = toAlice.media().get(0).rtcp().orElseThrow().port();
            assertEquals(target(toAlice, 0).getPort() + 1, aliceSendsRtcpTo);

            aliceRtcp.send(Phone.receiverReport(), new InetSocketAddress(LOCAL, aliceSendsRtcpTo));

            assertArrayEquals(Phone.receiverReport(), bobRtcp.receive());
            RtcpReport report = session.stats().streams().get(0).caller().report().orElseThrow();
            assertEquals(0.25, report.fractionLost());
            assertEquals(5, report.cumulativeLost());
            assertEquals(80, report.jitter());
            assertEquals(10.0, report.jitterMillis().orElseThrow());
            assertEquals(target(toBob, 0).getPort() + 1, toBob.media().get(0).rtcp().orElseThrow().port());
        }
    }

    @Test
    void rtcpMuxSharesTheRtpPort() throws Exception {
        RelaySession session = relay.open("call-1");
        InetSocketAddress[] to = call(session, audio("127.0.0.1", alice.port(), "a=rtcp-mux"),
                audio("127.0.0.1", bob.port(), "a=rtcp-mux"));

        alice.send(alice.rtp(1), to[0]);
        bob.expect(1);
        alice.send(Phone.receiverReport(), to[0]);
        assertArrayEquals(Phone.receiverReport(), bob.receive());

        StreamStats stream = session.stats().streams().get(0);
        assertTrue(stream.rtcpMux());
        assertEquals(0.25, stream.caller().report().orElseThrow().fractionLost());
        assertEquals(1, stream.caller().latchEvents(), "RTCP on the RTP port uses the RTP latch");
    }

    @Test
    void muxOfferedButNotAnsweredSendsRtcpToTheRtcpPort() throws Exception {
        try (Phone bobRtcp = new Phone("127.0.0.1")) {
            RelaySession session = relay.open("call-1");
            InetSocketAddress[] to = call(session, audio("127.0.0.1", alice.port(), "a=rtcp-mux"),
                    audio("127.0.0.1", bob.port(), "a=rtcp:" + bobRtcp.port()));

            alice.send(Phone.receiverReport(), new InetSocketAddress(LOCAL, to[0].getPort() + 1));

            assertArrayEquals(Phone.receiverReport(), bobRtcp.receive());
            assertFalse(session.stats().streams().get(0).rtcpMux());
        }
    }

    @Test
    void ipv4CallerIsBridgedToIpv6Callee() throws Exception {
        try (Phone bob6 = new Phone("::1")) {
            RelaySession session = relay.open("call-1");
            Sdp toBob = rewritten(session.offer(Side.CALLER, audio("127.0.0.1", alice.port()), Optional.of(LOCAL),
                    Optional.<ProtocolFamily>of(StandardProtocolFamily.INET6)));
            assertEquals("IP6", toBob.connection().orElseThrow().addrType());
            Sdp toAlice = rewritten(session.answer(Side.CALLEE, audio("::1", bob6.port()),
                    Optional.of(Phone.ip("::1"))));
            assertEquals("IP4", toAlice.connection().orElseThrow().addrType());
            assertEquals("127.0.0.1", toAlice.connection().orElseThrow().address());

            alice.send(alice.rtp(1), target(toAlice, 0));
            bob6.expect(1);
            bob6.send(bob6.rtp(2), target(toBob, 0));
            alice.expect(2);
        }
    }

    @Test
    void lateOfferFromTheCalleeIsAnsweredByTheCaller() throws Exception {
        RelaySession session = relay.open("call-1");
        Sdp toAlice = rewritten(session.offer(Side.CALLEE, audio("127.0.0.1", bob.port()), Optional.of(LOCAL),
                Optional.empty()));
        Sdp toBob = rewritten(session.answer(Side.CALLER, audio("127.0.0.1", alice.port()), Optional.of(LOCAL)));

        alice.send(alice.rtp(1), target(toAlice, 0));
        bob.expect(1);
        bob.send(bob.rtp(2), target(toBob, 0));
        alice.expect(2);
    }

    @Test
    void audioAndVideoAreRelayedSeparately() throws Exception {
        try (Phone aliceVideo = new Phone("127.0.0.1"); Phone bobVideo = new Phone("127.0.0.1")) {
            RelaySession session = relay.open("call-1");
            Sdp toBob = rewritten(session.offer(Side.CALLER, audio("127.0.0.1", alice.port(),
                    "m=video " + aliceVideo.port() + " RTP/AVP 96", "a=rtpmap:96 H264/90000"),
                    Optional.of(LOCAL), Optional.empty()));
            Sdp toAlice = rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", bob.port(),
                    "m=video " + bobVideo.port() + " RTP/AVP 96"), Optional.of(LOCAL)));

            aliceVideo.send(aliceVideo.rtp(7), target(toAlice, 1));
            bobVideo.expect(7);
            alice.send(alice.rtp(8), target(toAlice, 0));
            bob.expect(8);
            assertEquals(2, session.stats().streams().size());
            assertEquals("video", session.stats().streams().get(1).media());
            assertEquals(4, relay.status().interfaces().get(0).pairsTotal() - relay.status().interfaces().get(0).pairsFree());
            assertTrue(toBob.media().get(1).mline().port() % 2 == 0);
        }
    }

    @Test
    void closeReturnsThePortsAndForgetsTheSession() throws Exception {
        int free = relay.status().interfaces().get(0).pairsFree();
        RelaySession session = relay.open("call-1");
        InetSocketAddress[] to = call(session, audio("127.0.0.1", alice.port()), audio("127.0.0.1", bob.port()));
        assertEquals(free - 2, relay.status().interfaces().get(0).pairsFree());

        session.close();
        session.close();

        assertEquals(free, relay.status().interfaces().get(0).pairsFree());
        assertEquals(Optional.empty(), relay.find("call-1"));
        assertTrue(session.isClosed());
        alice.send(alice.rtp(1), to[0]);
        assertEquals(Optional.empty(), bob.receive(100));
        SdpOutcome late = session.offer(Side.CALLER, audio("127.0.0.1", alice.port()), Optional.empty(), Optional.empty());
        assertEquals(488, assertInstanceOf(SdpOutcome.Rejected.class, late).status());
    }

    @Test
    void relayCloseClosesEverySession() throws Exception {
        RelaySession session = relay.open("call-1");
        call(session, audio("127.0.0.1", alice.port()), audio("127.0.0.1", bob.port()));

        relay.close();

        assertTrue(session.isClosed());
        assertEquals(relay.status().interfaces().get(0).pairsTotal(), relay.status().interfaces().get(0).pairsFree());
    }

    @Test
    void statusCountsSessionsAndPacketRate() throws Exception {
        RelaySession session = relay.open("call-1");
        InetSocketAddress[] to = call(session, audio("127.0.0.1", alice.port()), audio("127.0.0.1", bob.port()));
        for (int i = 0; i < 10; i++) {
            alice.send(alice.rtp(i), to[0]);
            bob.expect(i);
        }

        // The engine adds a batch's packets to its rate after it has forwarded them: bob may see the last packet
        // a moment before the rate does.
        RelayStatus status = relay.status();
        for (int i = 0; i < 100 && status.packetsPerSecond() == 0; i++) {
            Thread.sleep(10);
            status = relay.status();
        }

        assertEquals(1, status.sessions());
        assertTrue(status.packetsPerSecond() > 0, "rate over the window: " + status.packetsPerSecond());
        assertTrue(status.bitsPerSecond() >= status.packetsPerSecond() * 8 * 172);
        assertEquals(1, relay.sessions().size());
        assertEquals("call-1", relay.sessions().get(0).callId());
    }
}
