package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sip.RequestEvent;
import javax.sip.SipProvider;
import javax.sip.message.MessageFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.natterjack.config.ListenAddress;
import org.natterjack.config.SipSettings;
import org.natterjack.config.WebSocketSettings;

/**
 * The UDP receive loop reuses one buffer: datagrams of different lengths in a row must each reach the stack whole
 * (a long one first, so a short one after it would show any of its leftover bytes), and the answers must leave
 * from the listening socket, which a NATed peer let in (the RI sends from a fresh ephemeral socket unless it knows
 * it has a UDP listening point).
 */
class ReusingUdpProcessorTest {

    private SipTransport transport;
    private DatagramSocket peer;
    private int port;

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
    void datagramsOfEveryLengthArriveWholeAndAreAnsweredFromTheListeningPort() throws Exception {
        start();
        MessageFactory messages = transport.messageFactory();
        transport.setListener(new SipListenerAdapter() {
            @Override
            public void processRequest(RequestEvent event) {
                try {
                    var ok = messages.createResponse(200, event.getRequest());
                    ok.setReasonPhrase("OK " + event.getRequest().getHeader("Subject").toString().trim().length());
                    ((SipProvider) event.getSource()).sendResponse(ok);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });

        Map<String, Integer> subjects = new HashMap<>();
        for (int length : List.of(6000, 10, 1200, 1, 30_000, 40)) {
            String callId = "len-" + length;
            subjects.put(callId, length);
            send(callId, "x".repeat(length));
        }

        Map<String, String> answers = new HashMap<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (answers.size() < subjects.size() && System.nanoTime() < deadline) {
            receive().ifPresent(a -> answers.put(a[0], a[1]));
        }
        for (var e : subjects.entrySet()) {
            String subjectHeader = "Subject: " + "x".repeat(e.getValue());
            assertEquals("SIP/2.0 200 OK " + subjectHeader.length(), answers.get(e.getKey()), e.getKey());
        }
    }

    @Test
    void aStunKeepaliveIsAnsweredWithItsSourceAndSipGoesOnAfterIt() throws Exception {
        start();
        transport.setListener(new SipListenerAdapter() {
            @Override
            public void processRequest(RequestEvent event) {
                try {
                    ((SipProvider) event.getSource()).sendResponse(
                            transport.messageFactory().createResponse(200, event.getRequest()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        byte[] stun = StunKeepaliveTest.request();
        peer.send(new DatagramPacket(stun, stun.length, InetAddress.getLoopbackAddress(), port));

        byte[] buffer = new byte[1500];
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        peer.receive(answer);

        assertEquals(port, answer.getPort(), "answered from the listening port");
        InetSocketAddress source = new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.getLocalPort());
        assertArrayEquals(StunKeepalive.answer(stun, stun.length, source).orElseThrow(),
                Arrays.copyOf(answer.getData(), answer.getLength()), "a Binding success response naming our source");
        send("after-stun", "x");
        assertEquals("after-stun", receive().orElseThrow()[0]);
    }

    private void start() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        SipSettings defaults = SipSettings.defaults();
        SipSettings settings = new SipSettings(List.of(ListenAddress.parse("127.0.0.1:" + port)), List.of(),
                Optional.empty(), 65535, defaults.maxHeaders(), 0, 0);
        transport = SipTransport.start(settings, WebSocketSettings.defaults(), InetAddress.getLoopbackAddress(),
                List.of());
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer.setSoTimeout(200);
    }

    /** Call-ID and status line of an answer, which must come from the listening port. */
    private Optional<String[]> receive() throws Exception {
        byte[] buffer = new byte[65535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            peer.receive(packet);
        } catch (java.net.SocketTimeoutException e) {
            return Optional.empty();
        }
        assertEquals(port, packet.getPort(), "answered from the listening port");
        String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        String callId = text.lines().filter(l -> l.startsWith("Call-ID: ")).map(l -> l.substring(9).trim())
                .findFirst().orElseThrow();
        assertTrue(text.startsWith("SIP/2.0 "), text);
        return Optional.of(new String[] {callId, text.lines().findFirst().orElseThrow()});
    }

    private void send(String callId, String subject) throws Exception {
        String text = "OPTIONS sip:b@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK" + callId + "\r\n"
                + "From: <sip:a@example.test>;tag=1\r\n"
                + "To: <sip:b@example.test>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Subject: " + subject + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        peer.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }
}
