package org.natterjack.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.natterjack.media.relay.Calls.audio;
import static org.natterjack.media.relay.Calls.rewritten;
import static org.natterjack.media.relay.Calls.target;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.testing.MutableClock;

/**
 * Symmetric latching and its guard against media hijacking (RTP Bleed): only the party's own address may
 * latch, the first valid packet wins, and the source moves only on a signalled change or after silence.
 */
class MediaRelayLatchingTest {

    private static final InetAddress LOCAL = Phone.ip("127.0.0.1");

    private final MutableClock clock = new MutableClock();
    private MediaRelay relay;
    private Phone alice;
    private Phone bob;
    private RelaySession session;
    /** Where alice sends (the caller side of the relay), where bob sends. */
    private InetSocketAddress aliceTo;
    private InetSocketAddress bobTo;

    @BeforeEach
    void start() throws Exception {
        relay = MediaRelay.start(Calls.settings(Calls.PORT_MIN, Calls.PORT_MAX, "127.0.0.1"), LOCAL, clock);
        alice = new Phone("127.0.0.1");
        bob = new Phone("127.0.0.1");
        session = relay.open("call-1");
    }

    @AfterEach
    void stop() {
        relay.close();
        alice.close();
        bob.close();
    }

    /** Alice signalled from {@code aliceSignalledFrom} (empty: through another proxy). */
    private void call(Optional<InetAddress> aliceSignalledFrom) throws Exception {
        Sdp toBob = rewritten(session.offer(Side.CALLER, audio("127.0.0.1", alice.port()), aliceSignalledFrom,
                Optional.empty()));
        Sdp toAlice = rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", bob.port()), Optional.of(LOCAL)));
        aliceTo = target(toAlice, 0);
        bobTo = target(toBob, 0);
    }

    private LegStats callerLeg() {
        return session.stats().streams().get(0).caller();
    }

    @Test
    void packetsFromAnotherAddressAreDroppedAndCounted() throws Exception {
        call(Optional.of(LOCAL));
        try (Phone mallory = new Phone("127.0.0.2")) {
            mallory.send(mallory.rtp(666), aliceTo); // before alice: still not from her address
            alice.send(alice.rtp(1), aliceTo);
            bob.expect(1);
            mallory.send(mallory.rtp(667), aliceTo); // after alice latched
            alice.send(alice.rtp(2), aliceTo);
            bob.expect(2);

            bob.send(bob.rtp(3), bobTo);
            alice.expect(3);
            assertEquals(Optional.empty(), mallory.receive(100));
        }
        assertEquals(2, callerLeg().droppedForeign());
        assertEquals(1, callerLeg().latchEvents());
        assertEquals(Optional.of(new InetSocketAddress(LOCAL, alice.port())), callerLeg().latched());
    }

    @Test
    void anotherPortOfTheSameAddressCannotTakeOverWhileTheSourceIsActive() throws Exception {
        call(Optional.of(LOCAL));
        try (Phone other = new Phone("127.0.0.1")) {
            alice.send(alice.rtp(1), aliceTo);
            bob.expect(1);
            clock.advance(java.time.Duration.ofMillis(4999));
            other.send(other.rtp(666), aliceTo);
            alice.send(alice.rtp(2), aliceTo);
            bob.expect(2);
        }
        assertEquals(1, callerLeg().droppedForeign());
    }

    @Test
    void sourceMovesAfterTheOldOneWasSilentForTheRelatchTime() throws Exception {
        call(Optional.of(LOCAL));
        try (Phone rebound = new Phone("127.0.0.1")) { // alice behind a NAT that changed her port
            alice.send(alice.rtp(1), aliceTo);
            bob.expect(1);
            clock.advanceSeconds(5);

            rebound.send(rebound.rtp(2), aliceTo);
            bob.expect(2);
            bob.send(bob.rtp(3), bobTo);
            rebound.expect(3);

            alice.send(alice.rtp(4), aliceTo); // the old source is now the stranger
            rebound.send(rebound.rtp(5), aliceTo);
            bob.expect(5);
        }
        assertEquals(2, callerLeg().latchEvents());
        assertEquals(1, callerLeg().droppedForeign());
    }

    @Test
    void aReofferWithANewPortRelatchesAtOnce() throws Exception {
        call(Optional.of(LOCAL));
        try (Phone moved = new Phone("127.0.0.1")) {
            alice.send(alice.rtp(1), aliceTo);
            bob.expect(1);

            Sdp reoffer = rewritten(session.offer(Side.CALLER, audio("127.0.0.1", moved.port()), Optional.of(LOCAL),
                    Optional.empty()));
            assertEquals(bobTo, target(reoffer, 0), "same relay ports after a re-offer");
            rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", bob.port()), Optional.of(LOCAL)));

            moved.send(moved.rtp(2), aliceTo);
            bob.expect(2);
            bob.send(bob.rtp(3), bobTo);
            moved.expect(3);
        }
        assertEquals(2, callerLeg().latchEvents());
        assertEquals(0, callerLeg().droppedForeign());
    }

    @Test
    void aReofferWithTheSameAddressDoesNotOpenTheLatch() throws Exception {
        call(Optional.of(LOCAL));
        try (Phone other = new Phone("127.0.0.1")) {
            alice.send(alice.rtp(1), aliceTo);
            bob.expect(1);
            rewritten(session.offer(Side.CALLER, audio("127.0.0.1", alice.port()), Optional.of(LOCAL), Optional.empty()));

            other.send(other.rtp(666), aliceTo);
            alice.send(alice.rtp(2), aliceTo);
            bob.expect(2);
        }
        assertEquals(1, callerLeg().droppedForeign());
    }

    @Test
    void holdWithZeroAddressKeepsTheLatchAndResumeAtTheSameAddressToo() throws Exception {
        call(Optional.of(LOCAL));
        alice.send(alice.rtp(1), aliceTo);
        bob.expect(1);

        Sdp held = rewritten(session.offer(Side.CALLER, audio("0.0.0.0", alice.port(), "a=sendonly"),
                Optional.of(LOCAL), Optional.empty()));
        assertEquals("0.0.0.0", held.connection().orElseThrow().address());
        rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", bob.port(), "a=recvonly"), Optional.of(LOCAL)));
        assertEquals(true, session.stats().onHold());
        alice.send(alice.rtp(2), aliceTo); // music on hold
        bob.expect(2);

        rewritten(session.offer(Side.CALLER, audio("127.0.0.1", alice.port()), Optional.of(LOCAL), Optional.empty()));
        rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", bob.port()), Optional.of(LOCAL)));
        assertEquals(false, session.stats().onHold());
        bob.send(bob.rtp(3), bobTo);
        alice.expect(3);
        assertEquals(1, callerLeg().latchEvents());
    }

    @Test
    void invalidPacketsAreDroppedAndDoNotLatch() throws Exception {
        call(Optional.empty()); // no expected source: the first valid packet wins
        try (Phone noise = new Phone("127.0.0.1")) {
            noise.send(new byte[] {0x00, 0x01, 0x02}, aliceTo);              // too short, version 0
            noise.send(new byte[20], aliceTo);                              // version 0
            noise.send(Phone.receiverReport(), aliceTo);                   // RTCP on the RTP port, no mux
            alice.send(alice.rtp(1), aliceTo);
            bob.expect(1);
            bob.send(bob.rtp(2), bobTo);
            alice.expect(2);
        }
        assertEquals(3, callerLeg().droppedInvalid());
        assertEquals(0, callerLeg().droppedForeign());
        assertEquals(1, callerLeg().latchEvents());
    }

    @Test
    void withoutAnExpectedSourceTheFirstValidPacketLatchesFromAnywhere() throws Exception {
        call(Optional.empty()); // alice's INVITE came through another gateway
        try (Phone natPublicSide = new Phone("127.0.0.2")) {
            natPublicSide.send(natPublicSide.rtp(1), aliceTo);
            bob.expect(1);
            alice.send(alice.rtp(2), aliceTo);
            Calls.await(() -> callerLeg().droppedForeign() == 1, "alice's packet dropped");
            bob.send(bob.rtp(3), bobTo);
            natPublicSide.expect(3);
        }
    }

    @Test
    void beforeTheAnswerMediaWaitsForTheCalleeToSendOrSignal() throws Exception {
        Sdp toBob = rewritten(session.offer(Side.CALLER, audio("127.0.0.1", alice.port()), Optional.of(LOCAL),
                Optional.empty()));
        InetSocketAddress callerSide = session.stats().streams().get(0).caller().local();

        alice.send(alice.rtp(1), callerSide);   // nowhere to go: bob neither answered nor sent
        Calls.await(() -> session.stats().streams().get(0).callee().droppedNoDestination() == 1, "dropped");
        bob.send(bob.rtp(2), target(toBob, 0)); // early media latches bob's side
        alice.expect(2);
        alice.send(alice.rtp(3), callerSide);
        bob.expect(3);
    }
}
