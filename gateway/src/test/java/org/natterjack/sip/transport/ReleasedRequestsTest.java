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
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TransactionState;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.config.ListenAddress;
import org.natterjack.config.SipSettings;
import org.natterjack.config.WebSocketSettings;
import org.natterjack.net.Transport;

/**
 * The stack releases a request once its transaction has the final response (RELEASE_REFERENCES_STRATEGY
 * Aggressive). A retransmitted request must still get the stored response without reaching the listener again,
 * and a request without an RFC 3261 branch (RFC 2543), which the RI matches by comparing it with every
 * transaction's request, must still be served while released transactions wait in the table. An answered INVITE
 * keeps only a slim copy of its request, which must still match its retransmissions; so does an INVITE we sent,
 * once a 2xx ended its client transaction.
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
        transport = SipTransport.start(settings, WebSocketSettings.defaults(), InetAddress.getLoopbackAddress(),
                List.of());
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
        Request kept = transactions.get("inv-1").getRequest();
        assertNull(kept.getHeader("Contact"), "a slim copy once answered");
        assertEquals("z9hG4bKinv1", ((ViaHeader) kept.getHeader(ViaHeader.NAME)).getBranch());

        send(invite);

        assertEquals("SIP/2.0 486 Handled 1", statusLine("inv-1"), "the stored response");
        assertEquals(1, handled.get("inv-1").get());
    }

    @Test
    void anRfc2543InviteIsMatchedByItsSlimCopy() throws Exception {
        byte[] invite = request("INVITE", "inv-2543", "");
        send(invite);
        assertEquals("SIP/2.0 486 Handled 1", statusLine("inv-2543"));
        assertNull(transactions.get("inv-2543").getRequest().getHeader("Contact"));

        send(invite);

        assertEquals("SIP/2.0 486 Handled 1", statusLine("inv-2543"), "compared field by field with the slim copy");
        assertEquals(1, handled.get("inv-2543").get());
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

    @Test
    void anInviteAnsweredDownstreamKeepsASlimRequest() throws Exception {
        Request invite = transport.messageFactory().createRequest(new String(request("INVITE", "out-1",
                ";branch=z9hG4bKout1"), StandardCharsets.UTF_8).replace("sip:b@127.0.0.1:" + port,
                "sip:b@127.0.0.1:" + peer.getLocalPort()).replace("UDP 127.0.0.1:" + peer.getLocalPort(),
                "UDP 127.0.0.1:" + port));
        SipSocket udp = transport.sockets().stream().filter(s -> s.transport() == Transport.UDP).findFirst()
                .orElseThrow();
        ClientTransaction client = SipOutbound.newClientTransaction(udp, invite, Optional.empty());
        client.sendRequest();
        String received = receivedText();
        send(("SIP/2.0 200 OK\r\n" + received.lines()
                .filter(l -> l.matches("^(Via|From|To|Call-ID|CSeq): .*"))
                .map(l -> l.startsWith("To: ") ? l + ";tag=callee" : l)
                .reduce("", (a, l) -> a + l + "\r\n")
                + "Contact: <sip:b@127.0.0.1:" + peer.getLocalPort() + ">\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));

        long deadline = System.nanoTime() + 3_000_000_000L;
        while (client.getState() != TransactionState.TERMINATED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertEquals(TransactionState.TERMINATED, client.getState());
        assertNull(client.getRequest().getHeader("Contact"), "a slim copy once answered");
        assertEquals("z9hG4bKout1", ((ViaHeader) client.getRequest().getHeader(ViaHeader.NAME)).getBranch());
    }

    private String receivedText() throws Exception {
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        peer.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
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
