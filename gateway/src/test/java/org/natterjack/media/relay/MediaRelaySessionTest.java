package org.natterjack.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natterjack.media.relay.Calls.audio;
import static org.natterjack.media.relay.Calls.rewritten;
import static org.natterjack.media.relay.Calls.target;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.testing.MutableClock;

/** Session lifecycle without much traffic: errors, exhaustion, stream bookkeeping, media timeout. */
class MediaRelaySessionTest {

    private static final InetAddress LOCAL = Phone.ip("127.0.0.1");
    private static final Optional<InetAddress> FROM_LOCAL = Optional.of(LOCAL);

    private final MutableClock clock = new MutableClock();
    private MediaRelay relay;

    @BeforeEach
    void start() {
        relay = MediaRelay.start(Calls.settings(Calls.PORT_MIN, Calls.PORT_MAX, "127.0.0.1"), LOCAL, clock);
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    private int pairsFree() {
        return relay.status().interfaces().get(0).pairsFree();
    }

    private SdpOutcome.Rejected rejected(SdpOutcome outcome) {
        return assertInstanceOf(SdpOutcome.Rejected.class, outcome);
    }

    @Test
    void openReturnsTheSameSessionForACall() {
        assertSame(relay.open("a"), relay.open("a"));
        assertSame(relay.open("a"), relay.find("a").orElseThrow());
    }

    @Test
    void malformedOfferIs400AndTakesNoPorts() {
        int free = pairsFree();
        RelaySession session = relay.open("call-1");

        SdpOutcome.Rejected r = rejected(session.offer(Side.CALLER, "v=0\r\nm=audio x RTP/AVP 0\r\n"
                .getBytes(StandardCharsets.US_ASCII), FROM_LOCAL, Optional.empty()));

        assertEquals(400, r.status());
        assertTrue(r.reason().contains("m= port"), r.reason());
        assertEquals(free, pairsFree());
    }

    @Test
    void streamWithoutAnyConnectionIs400() {
        SdpOutcome.Rejected r = rejected(relay.open("call-1").offer(Side.CALLER,
                "v=0\r\nm=audio 4000 RTP/AVP 0\r\n".getBytes(StandardCharsets.US_ASCII), FROM_LOCAL, Optional.empty()));

        assertEquals(400, r.status());
    }

    @Test
    void answerWithoutOfferOrWithOtherStreamsIs488() throws Exception {
        RelaySession session = relay.open("call-1");
        assertEquals(488, rejected(session.answer(Side.CALLEE, audio("127.0.0.1", 4000), FROM_LOCAL)).status());

        rewritten(session.offer(Side.CALLER, audio("127.0.0.1", 4000), FROM_LOCAL, Optional.empty()));
        assertEquals(488, rejected(session.answer(Side.CALLER, audio("127.0.0.1", 4002), FROM_LOCAL)).status(),
                "the offerer cannot answer itself");
        assertEquals(488, rejected(session.answer(Side.CALLEE,
                audio("127.0.0.1", 4002, "m=video 4004 RTP/AVP 96"), FROM_LOCAL)).status());
    }

    @Test
    void exhaustedPoolIs503AndTheFailedOfferLeavesNothingBehind() throws Exception {
        relay.close();
        relay = MediaRelay.start(Calls.settings(Calls.PORT_MIN, Calls.PORT_MIN + 5, "127.0.0.1"), LOCAL, clock);
        RelaySession first = relay.open("call-1");
        rewritten(first.offer(Side.CALLER, audio("127.0.0.1", 4000), FROM_LOCAL, Optional.empty()));
        assertEquals(1, pairsFree());

        SdpOutcome.Rejected r = rejected(relay.open("call-2").offer(Side.CALLER, audio("127.0.0.1", 4000),
                FROM_LOCAL, Optional.empty()));

        assertEquals(503, r.status());
        assertEquals(1, pairsFree(), "the half-allocated stream gave its pair back");
        first.close();
        rewritten(relay.open("call-2").offer(Side.CALLER, audio("127.0.0.1", 4000), FROM_LOCAL, Optional.empty()));
    }

    @Test
    void disabledAndTcpStreamsTakeNoPortsAndStayOff() throws Exception {
        int free = pairsFree();
        RelaySession session = relay.open("call-1");

        Sdp out = rewritten(session.offer(Side.CALLER, audio("127.0.0.1", 4000, "m=video 0 RTP/AVP 96",
                "m=message 7394 TCP/MSRP *", "m=image 4006 udptl t38"), FROM_LOCAL, Optional.empty()));

        assertEquals(0, out.media().get(1).mline().port());
        assertEquals(0, out.media().get(2).mline().port());
        assertTrue(out.media().get(3).mline().port() > 0);
        assertEquals(free - 4, pairsFree());
        assertEquals(List.of(0, 3), session.stats().streams().stream().map(StreamStats::index).toList());

        Sdp answer = rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", 5000, "m=video 0 RTP/AVP 96",
                "m=message 0 TCP/MSRP *", "m=image 5006 udptl t38"), FROM_LOCAL));
        assertEquals(0, answer.media().get(2).mline().port());
    }

    @Test
    void reofferAddingAStreamTakesPortsOnlyForIt() throws Exception {
        RelaySession session = relay.open("call-1");
        Sdp first = rewritten(session.offer(Side.CALLER, audio("127.0.0.1", 4000), FROM_LOCAL, Optional.empty()));
        rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", 5000), FROM_LOCAL));
        int free = pairsFree();

        Sdp second = rewritten(session.offer(Side.CALLEE, audio("127.0.0.1", 5000, "m=video 5002 RTP/AVP 96"),
                FROM_LOCAL, Optional.empty()));

        assertEquals(free - 2, pairsFree());
        Sdp answer = rewritten(session.answer(Side.CALLER, audio("127.0.0.1", 4000, "m=video 4002 RTP/AVP 96"),
                FROM_LOCAL));
        assertEquals(target(first, 0).getPort(), session.stats().streams().get(0).callee().local().getPort());
        assertEquals(2, second.media().size());
        assertEquals(2, answer.media().size());
    }

    @Test
    void thirtyTwoStreamsAreRelayed() throws Exception {
        String[] more = new String[31];
        for (int i = 0; i < 31; i++) {
            more[i] = "m=audio " + (6000 + 2 * i) + " RTP/AVP 0";
        }
        Sdp out = rewritten(relay.open("call-1").offer(Side.CALLER, audio("127.0.0.1", 4000, more), FROM_LOCAL,
                Optional.empty()));

        assertEquals(32, out.media().size());
        assertEquals(32, out.media().stream().map(m -> m.mline().port()).distinct().count());
    }

    @Test
    void answeredCallTimesOutAfterSixtySilentSeconds() throws Exception {
        RelaySession session = relay.open("call-1");
        rewritten(session.offer(Side.CALLER, audio("127.0.0.1", 4000), FROM_LOCAL, Optional.empty()));
        rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", 5000), FROM_LOCAL));

        clock.advanceSeconds(179);
        assertEquals(List.of(), relay.idleSessions(), "ringing calls are timer C's business");

        session.confirm();
        clock.advanceSeconds(59);
        assertEquals(List.of(), relay.idleSessions());
        clock.advanceSeconds(1);
        assertEquals(List.of(new IdleSession("call-1", Duration.ofSeconds(60), false, true)), relay.idleSessions());

        session.close();
        assertEquals(List.of(), relay.idleSessions());
    }

    @Test
    void aSessionNeverAnsweredNorTouchedIsReportedAfterFifteenMinutes() throws Exception {
        RelaySession session = relay.open("call-1");
        rewritten(session.offer(Side.CALLER, audio("127.0.0.1", 4000), FROM_LOCAL, Optional.empty()));

        clock.advance(MediaRelay.UNANSWERED_LIMIT.minusSeconds(1));
        assertEquals(List.of(), relay.idleSessions());
        clock.advanceSeconds(1);
        assertEquals(List.of(new IdleSession("call-1", MediaRelay.UNANSWERED_LIMIT, false, false)),
                relay.idleSessions());
    }

    @Test
    void packetsKeepACallAlive() throws Exception {
        try (Phone alice = new Phone("127.0.0.1"); Phone bob = new Phone("127.0.0.1")) {
            RelaySession session = relay.open("call-1");
            rewritten(session.offer(Side.CALLER, audio("127.0.0.1", alice.port()), FROM_LOCAL, Optional.empty()));
            Sdp toAlice = rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", bob.port()), FROM_LOCAL));
            session.confirm();

            clock.advanceSeconds(50);
            alice.send(alice.rtp(1), target(toAlice, 0));
            bob.expect(1);
            clock.advanceSeconds(50);

            assertEquals(List.of(), relay.idleSessions());
            clock.advanceSeconds(10);
            assertEquals(1, relay.idleSessions().size());
        }
    }

    @Test
    void callOnHoldUsesTheHoldTimeout() throws Exception {
        RelaySession session = relay.open("call-1");
        rewritten(session.offer(Side.CALLER, audio("127.0.0.1", 4000), FROM_LOCAL, Optional.empty()));
        rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", 5000), FROM_LOCAL));
        session.confirm();
        rewritten(session.offer(Side.CALLEE, audio("127.0.0.1", 5000, "a=inactive"), FROM_LOCAL, Optional.empty()));
        rewritten(session.answer(Side.CALLER, audio("127.0.0.1", 4000, "a=inactive"), FROM_LOCAL));

        clock.advanceSeconds(3599);
        assertEquals(List.of(), relay.idleSessions());
        clock.advanceSeconds(1);
        assertEquals(List.of(new IdleSession("call-1", Duration.ofSeconds(3600), true, true)), relay.idleSessions());
    }

    @Test
    void dtlsHandshakePacketsAreMediaOnDtlsStreamsOnly() throws Exception {
        try (Phone alice = new Phone("127.0.0.1"); Phone bob = new Phone("127.0.0.1")) {
            RelaySession session = relay.open("call-1");
            rewritten(session.offer(Side.CALLER, dtls("127.0.0.1", alice.port()), FROM_LOCAL, Optional.empty()));
            Sdp toAlice = rewritten(session.answer(Side.CALLEE, dtls("127.0.0.1", bob.port()), FROM_LOCAL));
            byte[] clientHello = new byte[60];
            clientHello[0] = 22; // DTLS handshake content type

            alice.send(clientHello, target(toAlice, 0));

            assertEquals(60, bob.receive().length);
            assertEquals(0, session.stats().streams().get(0).caller().droppedInvalid());
        }
    }

    private static byte[] dtls(String address, int port) {
        return ("v=0\r\nc=IN IP4 " + address + "\r\nm=audio " + port + " UDP/TLS/RTP/SAVPF 111\r\n"
                + "a=fingerprint:sha-256 AB:CD\r\na=setup:actpass\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void openAfterCloseFails() {
        relay.close();

        assertThrows(IllegalStateException.class, () -> relay.open("late"));
    }

    @Test
    void exchangeTellsOfferFromAnswerByStateNotByMessage() {
        RelaySession session = relay.open("call-exchange");
        Optional<java.net.ProtocolFamily> any = Optional.empty();

        assertInstanceOf(SdpOutcome.Rewritten.class,
                session.exchange(Side.CALLER, audio("127.0.0.1", 4000), FROM_LOCAL, false, any));
        assertInstanceOf(SdpOutcome.Rewritten.class,
                session.exchange(Side.CALLEE, audio("127.0.0.1", 5000), FROM_LOCAL, false, any),
                "the callee's SDP in a 18x answers the caller's offer");
        assertInstanceOf(SdpOutcome.Rewritten.class,
                session.exchange(Side.CALLEE, audio("127.0.0.1", 5000), FROM_LOCAL, true, any),
                "the 200 repeats the answer and completes the exchange");
        assertInstanceOf(SdpOutcome.Rewritten.class,
                session.exchange(Side.CALLEE, audio("127.0.0.1", 5002), FROM_LOCAL, false, any),
                "after that the callee's SDP is a new offer (a re-INVITE) ...");
        byte[] twoStreams = audio("127.0.0.1", 4002, "m=video 4004 RTP/AVP 96");
        assertEquals(488, rejected(session.exchange(Side.CALLER, twoStreams, FROM_LOCAL, false, any)).status(),
                "... which the caller's SDP answers (and an answer must fit the offer) ...");
        session.offerRefused();
        assertInstanceOf(SdpOutcome.Rewritten.class, session.exchange(Side.CALLER, twoStreams, FROM_LOCAL, false, any),
                "... until the callee's offer is refused: then the caller's SDP is an offer of its own");
    }
}
