package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.RequestEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.natterjack.config.ListenAddress;
import org.natterjack.config.SipSettings;
import org.natterjack.config.WebSocketSettings;

/**
 * With every worker thread held up, requests queue. A backlog that drains at once (a pause) refuses nothing;
 * one that stays above the limit for twice the limit gets new INVITEs answered 503 with Retry-After before the
 * listener sees them, while in-dialog requests still get through.
 */
class OverloadValveTest {

    private static final int NEW_CALLS = 60;

    private SipTransport transport;
    private DatagramSocket peer;
    private int port;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger blocked = new AtomicInteger();
    private final Set<String> reachedListener = ConcurrentHashMap.newKeySet();
    /** How long the listener takes over each INVITE: with 40 ms the queue of 60 stands for about 300 ms. */
    private volatile long inviteMillis;

    private void start(int overloadQueueDelayMs) throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        SipSettings defaults = SipSettings.defaults();
        SipSettings settings = new SipSettings(List.of(ListenAddress.parse("127.0.0.1:" + port)), List.of(),
                Optional.empty(), defaults.maxMessageBytes(), defaults.maxHeaders(), 0, overloadQueueDelayMs);
        transport = SipTransport.start(settings, WebSocketSettings.defaults(), InetAddress.getLoopbackAddress(),
                List.of());
        transport.setListener(new HoldingListener());
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer.setSoTimeout(200);
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (peer != null) {
            peer.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    /** Holds every worker thread in the listener, queues the INVITEs and an in-dialog request, waits, lets go. */
    private Set<String> queueCallsWhileBusy() throws Exception {
        for (int i = 0; i < SipTransport.WORKER_THREADS; i++) {
            send("MESSAGE", "hold-" + i, "");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (blocked.get() < SipTransport.WORKER_THREADS && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(SipTransport.WORKER_THREADS, blocked.get(), "every worker thread is held");
        for (int i = 0; i < NEW_CALLS; i++) {
            send("INVITE", "new-" + i, "");
        }
        send("INVITE", "in-dialog", ";tag=callee");
        Thread.sleep(400);
        release.countDown();

        Set<String> refused = ConcurrentHashMap.newKeySet();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (refused.size() + countNewCallsAtListener() < NEW_CALLS && System.nanoTime() < deadline) {
            receive503().ifPresent(refused::add);
        }
        // Anything late would show up here: no call is both refused and passed on.
        receive503().ifPresent(refused::add);
        return refused;
    }

    private long countNewCallsAtListener() {
        return reachedListener.stream().filter(id -> id.startsWith("new-")).count();
    }

    @Test
    void aBacklogThatDrainsAtOnceRefusesNothing() throws Exception {
        start(100);

        Set<String> refused = queueCallsWhileBusy();

        assertEquals(Set.of(), refused, "waited 400 ms, but the queue was gone within milliseconds");
        assertEquals(NEW_CALLS, countNewCallsAtListener());
    }

    @Test
    void newCallsAreRefusedWhileTheQueueStaysAboveTheLimit() throws Exception {
        inviteMillis = 40;
        start(50);

        Set<String> refused = queueCallsWhileBusy();

        assertFalse(refused.isEmpty(), "the queue stood above 50 ms for more than 100 ms");
        assertTrue(countNewCallsAtListener() > 0, "calls are taken until the queue has stood long enough");
        assertEquals(NEW_CALLS, refused.size() + countNewCallsAtListener(), "each new call either refused or passed on");
        refused.forEach(id -> assertFalse(reachedListener.contains(id), id + " was refused, so not handled"));
        assertTrue(reachedListener.contains("in-dialog"), "in-dialog requests are never refused");
        assertEquals(refused.size(), transport.callsRefusedOverloaded());
    }

    @Test
    void withTheLimitOffNothingIsRefused() throws Exception {
        inviteMillis = 40;
        start(0);

        Set<String> refused = queueCallsWhileBusy();

        assertEquals(Set.of(), refused);
        assertEquals(NEW_CALLS, countNewCallsAtListener());
        assertEquals(0, transport.callsRefusedOverloaded());
    }

    @Test
    void theLimitChangesWhileRunning() throws Exception {
        inviteMillis = 40;
        start(0);
        transport.limitQueueDelay(50);

        assertFalse(queueCallsWhileBusy().isEmpty());
    }

    /** The Call-ID of a 503 with Retry-After that arrives within 200 ms. */
    private Optional<String> receive503() throws Exception {
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            peer.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        if (!text.startsWith("SIP/2.0 503 ")) {
            return Optional.empty();
        }
        assertTrue(text.contains("\r\nRetry-After: 5"), text);
        return text.lines().filter(l -> l.startsWith("Call-ID: ")).map(l -> l.substring(9).trim()).findFirst();
    }

    private void send(String method, String callId, String toTag) throws Exception {
        String text = method + " sip:b@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK" + callId + "\r\n"
                + "From: <sip:a@example.test>;tag=1\r\n"
                + "To: <sip:b@example.test>" + toTag + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:a@127.0.0.1:" + peer.getLocalPort() + ">\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        peer.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    private final class HoldingListener extends SipListenerAdapter {
        @Override
        public void processRequest(RequestEvent event) {
            String callId = ((CallIdHeader) event.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
            if (Request.MESSAGE.equals(event.getRequest().getMethod())) {
                blocked.incrementAndGet();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (Request.INVITE.equals(event.getRequest().getMethod()) && inviteMillis > 0) {
                try {
                    Thread.sleep(inviteMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reachedListener.add(callId);
        }
    }
}
