package org.natterjack.media.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natterjack.media.relay.Calls.audio;
import static org.natterjack.media.relay.Calls.rewritten;
import static org.natterjack.media.relay.Calls.target;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.testing.MutableClock;

/**
 * A party's media carried by a plug-in (a tunnel) instead of its relay socket: what the carrier hands in reaches the
 * other party, what the other party sends reaches the carrier, and nothing from the network stands in for the
 * carried party.
 */
class MediaRelayCarryTest {

    private static final InetAddress LOCAL = Phone.ip("127.0.0.1");

    private final MutableClock clock = new MutableClock();
    private final Carrier carrier = new Carrier();
    private MediaRelay relay;
    private Phone alice;
    private Phone bob;
    private InetSocketAddress aliceTo;
    private InetSocketAddress bobTo;

    private static final class Carrier implements MediaCarrier {
        final BlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public void send(byte[] packet, boolean rtcp) {
            sent.add(packet);
        }

        @Override
        public void ended() {
            ended.countDown();
        }
    }

    @BeforeEach
    void start() throws Exception {
        relay = MediaRelay.start(Calls.settings(Calls.PORT_MIN, Calls.PORT_MAX, "127.0.0.1"), LOCAL, clock);
        alice = new Phone("127.0.0.1");
        bob = new Phone("127.0.0.1");
        RelaySession session = relay.open("call-1");
        Sdp toBob = rewritten(session.offer(Side.CALLER, audio("127.0.0.1", alice.port()), Optional.of(LOCAL),
                Optional.empty()));
        Sdp toAlice = rewritten(session.answer(Side.CALLEE, audio("127.0.0.1", bob.port()), Optional.of(LOCAL)));
        aliceTo = target(toAlice, 0);
        bobTo = target(toBob, 0);
    }

    @AfterEach
    void stop() {
        relay.close();
        alice.close();
        bob.close();
    }

    @Test
    void aCarriedPartyExchangesMediaThroughItsCarrierOnly() throws Exception {
        CarriedMedia carried = relay.carry("call-1", Side.CALLER, aliceTo.getPort(), carrier).orElseThrow();

        carried.receive(alice.rtp(1), false);
        bob.expect(1);
        byte[] fromBob = bob.rtp(2);
        bob.send(fromBob, bobTo);
        assertArrayEquals(fromBob, carrier.sent.poll(5, TimeUnit.SECONDS), "bob's media goes to the carrier");

        alice.send(alice.rtp(3), aliceTo);
        assertEquals(Optional.empty(), bob.receive(200),
                "a packet to the carried party's relay socket is dropped, even from its own address");
        assertEquals(1, relay.find("call-1").orElseThrow().stats().streams().get(0).caller().droppedForeign());
        assertEquals(Optional.empty(), alice.receive(100), "nothing goes out of the carried party's socket");
    }

    @Test
    void onlyTheStreamFacingThatPartyCanBeCarried() {
        assertTrue(relay.carry("call-1", Side.CALLEE, aliceTo.getPort(), carrier).isEmpty(),
                "the port facing the caller is not the callee's");
        assertTrue(relay.carry("call-2", Side.CALLER, aliceTo.getPort(), carrier).isEmpty(), "another call");
        assertTrue(relay.carry("call-1", Side.CALLER, aliceTo.getPort() + 2, carrier).isEmpty(), "another port");
    }

    @Test
    void releasedTheSocketServesAgain() throws Exception {
        relay.carry("call-1", Side.CALLER, aliceTo.getPort(), carrier).orElseThrow().release();

        alice.send(alice.rtp(4), aliceTo);
        bob.expect(4);
    }

    @Test
    void aClosedCallEndsItsCarrier() throws Exception {
        relay.carry("call-1", Side.CALLER, aliceTo.getPort(), carrier).orElseThrow();

        relay.find("call-1").orElseThrow().close();

        assertTrue(carrier.ended.await(5, TimeUnit.SECONDS));
    }
}
