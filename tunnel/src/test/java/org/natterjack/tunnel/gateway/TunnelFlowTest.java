package org.natterjack.tunnel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.natterjack.net.Flow;
import org.natterjack.net.SipConnections;
import org.natterjack.net.Transport;
import org.natterjack.tunnel.wire.Frame;

/** Parking and resuming a flow, with the SIP side and the relay replaced by recorders. */
class TunnelFlowTest {

    private static final InetSocketAddress REMOTE = new InetSocketAddress("203.0.113.1", 40000);

    private final List<String> sip = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private SipConnections.Peer peer;

    /** The SIP side: records what the flow does to its connection. */
    private final SipConnections connections = (remote, p) -> {
        peer = p;
        return new SipConnections.Connection() {
            @Override
            public Flow.Connection flow() {
                return new Flow.Connection(Transport.TCP, new InetSocketAddress("192.0.2.1", 5060), remote);
            }

            @Override
            public void receive(byte[] message) {
                sip.add("in " + new String(message, StandardCharsets.UTF_8));
            }

            @Override
            public void suspend() {
                sip.add("suspend");
            }

            @Override
            public void close() {
                sip.add("close");
            }
        };
    };

    /** A connection: the frames it was given, and whether it was closed. */
    private static final class Link implements TunnelFlow.Link {
        final List<String> frames = new ArrayList<>();
        boolean closed;

        @Override
        public void send(Frame frame) {
            frames.add(frame.type() + " " + new String(frame.payload(), StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private TunnelFlow flow(Link link) {
        return new TunnelFlow("alice", "token", REMOTE, connections, (callId, side, port, carrier) -> Optional.empty(),
                link);
    }

    @Test
    void aParkedFlowDropsItsBindingsHoldsSipAndHandsItToTheResumingConnection() {
        Link first = new Link();
        TunnelFlow flow = flow(first);
        peer.send("BYE sip:a SIP/2.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("SIP BYE sip:a SIP/2.0\r\n\r\n"), first.frames);

        flow.detach(first, timer, Duration.ofSeconds(30));
        peer.send("OPTIONS sip:a SIP/2.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        peer.send("\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        Link second = new Link();

        assertEquals(List.of("suspend"), sip, "the bindings go at once; the connection stays");
        assertTrue(flow.attach(second));
        assertEquals(List.of("SIP OPTIONS sip:a SIP/2.0\r\n\r\n"), second.frames,
                "what came while parked, and no keepalive");
        assertFalse(first.closed, "the first connection had ended already");
    }

    @Test
    void aLoginThatResumesAFlowStillInUseClosesTheOldConnection() {
        Link stale = new Link();
        TunnelFlow flow = flow(stale);

        assertTrue(flow.attach(new Link()));
        assertTrue(stale.closed, "a black-holed connection the agent gave up on");
        flow.detach(stale, timer, Duration.ofMillis(10));
        assertEquals(List.of(), sip, "the stale connection's end does not park the flow the new one holds");
    }

    @Test
    void aFlowNotResumedInTimeEnds() throws Exception {
        Link link = new Link();
        TunnelFlow flow = flow(link);
        List<String> ended = new ArrayList<>();
        flow.onClosed(() -> ended.add("ended"));

        flow.detach(link, timer, Duration.ofMillis(50));
        timer.schedule(() -> { }, 200, TimeUnit.MILLISECONDS).get();

        assertEquals(List.of("suspend", "close"), sip);
        assertEquals(List.of("ended"), ended);
        assertFalse(flow.attach(new Link()), "too late to resume");
    }

    @Test
    void theGatewayClosingTheFlowClosesItsConnection() {
        Link link = new Link();
        flow(link);

        peer.closed();

        assertTrue(link.closed, "a newer flow of the device replaced this one (RFC 5626)");
        assertEquals(List.of("close"), sip);
    }
}
