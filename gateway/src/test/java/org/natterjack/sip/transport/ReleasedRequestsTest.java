package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.CallIdHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.config.ListenAddress;
import org.natterjack.config.SipSettings;

/**
 * The stack releases a request once its transaction has the final response (RELEASE_REFERENCES_STRATEGY
 * Aggressive). A retransmitted request must still get the stored response without reaching the listener again,
 * and a request without an RFC 3261 branch (RFC 2543), which the RI matches by comparing it with every
 * transaction's request, must still be served while released transactions wait in the table.
 */
class ReleasedRequestsTest {

    private SipTransport transport;
    private DatagramSocket peer;
    private int port;
    private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    private final Map<String, ServerTransaction> transactions = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        SipSettings defaults = SipSettings.defaults();
        SipSettings settings = new SipSettings(List.of(ListenAddress.parse("127.0.0.1:" + port)), List.of(),
                Optional.empty(), defaults.maxMessageBytes(), defaults.maxHeaders(), 0, 0);
        transport = SipTransport.start(settings, InetAddress.getLoopbackAddress(), List.of());
        MessageFactory messages = transport.messageFactory();
        transport.setListener(new SipListenerAdapter() {
            /** Answers statefully: OPTIONS with 200, INVITE with 486, the reason saying how often it was handled. */
            @Override
            public void processRequest(RequestEvent event) {
                Request request = event.getRequest();
                if (Request.ACK.equals(request.getMethod())) {
                    return;
                }
                String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
                int times = handled.computeIfAbsent(callId, k -> new AtomicInteger()).incrementAndGet();
                try {
                    ServerTransaction server = event.getServerTransaction() != null ? event.getServerTransaction()
                            : ((SipProvider) event.getSource()).getNewServerTransaction(request);
                    transactions.put(callId, server);
                    int status = Request.INVITE.equals(request.getMethod()) ? Response.BUSY_HERE : Response.OK;
                    Response response = messages.createResponse(status, request);
                    response.setReasonPhrase("Handled " + times);
                    server.sendResponse(response);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer.setSoTimeout(2000);
    }

    @AfterEach
    void stop() {
        if (peer != null) {
            peer.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void aRetransmittedOptionsGetsTheStoredResponse() throws Exception {
        byte[] options = request("OPTIONS", "opt-1", ";branch=z9hG4bKopt1");
        send(options);
        assertEquals("SIP/2.0 200 Handled 1", statusLine("opt-1"));
        assertNull(transactions.get("opt-1").getRequest(), "released with the final response");

        send(options);

        assertEquals("SIP/2.0 200 Handled 1", statusLine("opt-1"), "the stored response");
        assertEquals(1, handled.get("opt-1").get());
    }

    @Test
    void aRetransmittedInviteGetsTheStoredFinalResponse() throws Exception {
        byte[] invite = request("INVITE", "inv-1", ";branch=z9hG4bKinv1");
        send(invite);
        assertEquals("SIP/2.0 486 Handled 1", statusLine("inv-1"));

        send(invite);

        assertEquals("SIP/2.0 486 Handled 1", statusLine("inv-1"), "the stored response");
        assertEquals(1, handled.get("inv-1").get());
    }

    @Test
    void anRfc2543RequestIsServedWhileReleasedTransactionsWait() throws Exception {
        send(request("OPTIONS", "opt-3261", ";branch=z9hG4bKopt3261"));
        assertEquals("SIP/2.0 200 Handled 1", statusLine("opt-3261"));
        assertNull(transactions.get("opt-3261").getRequest(), "released with the final response");

        byte[] old = request("OPTIONS", "opt-2543", "");
        send(old);
        assertEquals("SIP/2.0 200 Handled 1", statusLine("opt-2543"), "matched against the released one, not dropped");
        assertNull(transactions.get("opt-2543").getRequest());

        send(old);

        assertEquals("SIP/2.0 200 Handled 1", statusLine("opt-2543"), "matched by the fields its transaction kept");
        assertEquals(1, handled.get("opt-2543").get());
        assertNotNull(handled.get("opt-3261"));
    }

    /** The status line of the next answer for {@code callId}, skipping others (100 Trying, retransmissions). */
    private String statusLine(String callId) throws Exception {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline) {
            byte[] buffer = new byte[4096];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                peer.receive(packet);
            } catch (SocketTimeoutException e) {
                break;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            String line = text.lines().findFirst().orElse("");
            if (text.contains("\r\nCall-ID: " + callId + "\r\n") && !line.startsWith("SIP/2.0 100 ")) {
                return line;
            }
        }
        return "no answer";
    }

    private byte[] request(String method, String callId, String branch) {
        String text = method + " sip:b@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + branch + "\r\n"
                + "From: <sip:a@example.test>;tag=1\r\n"
                + "To: <sip:b@example.test>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:a@127.0.0.1:" + peer.getLocalPort() + ">\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void send(byte[] bytes) throws Exception {
        peer.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }
}
