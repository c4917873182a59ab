package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.RequestEvent;
import javax.sip.SipProvider;
import javax.sip.message.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.metrics.RegistrarMeters;
import org.natterjack.config.ListenAddress;
import org.natterjack.config.SipSettings;
import org.natterjack.config.WebSocketSettings;

/**
 * REGISTERs are answered statelessly; a retransmission (same branch from the same source) gets the very octets of
 * the first answer, without being served again, and one that arrives while the first is still being served is
 * dropped. A fresh challenge per copy is what made clients abort in the cold-start storm of issue 14.
 */
class RegisterRetransmissionTest {

    private SipTransport transport;
    private DatagramSocket peer;
    private int port;
    private final AtomicInteger served = new AtomicInteger();
    private volatile long serveMillis;

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
        Replies replies = new Replies(transport, new RegistrarMeters(new SimpleMeterRegistry(), () -> 0, () -> 0));
        transport.setListener(new SipListenerAdapter() {
            /** Each copy served gets a different challenge, as a registrar's nonces are. */
            @Override
            public void processRequest(RequestEvent event) {
                int n = served.incrementAndGet();
                try {
                    Thread.sleep(serveMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                replies.send(transport.socketOf((SipProvider) event.getSource()), event.getRequest(),
                        Response.UNAUTHORIZED, "Challenge " + n, List.of());
            }
        });
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer.setSoTimeout(1000);
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
    void aRetransmissionGetsTheSameOctetsAgain() throws Exception {
        byte[] register = register("z9hG4bKreg1");
        send(register);
        String first = receive();
        assertNotNull(first);

        send(register);

        assertEquals(first, receive(), "the same answer, to the octet");
        assertEquals(1, served.get());
        send(register("z9hG4bKreg2"));
        assertNotNull(receive());
        assertEquals(2, served.get(), "a new transaction is served");
    }

    @Test
    void aRetransmissionWhileTheFirstIsServedIsDropped() throws Exception {
        serveMillis = 300;
        byte[] register = register("z9hG4bKslow");
        send(register);
        Thread.sleep(100);
        send(register);

        List<String> answers = new ArrayList<>();
        for (String a; (a = receive()) != null; ) {
            answers.add(a);
        }

        assertEquals(1, answers.size(), "one answer: " + answers);
        assertEquals(1, served.get());
    }

    private String receive() throws Exception {
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            peer.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private byte[] register(String branch) {
        String text = "REGISTER sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=" + branch + "\r\n"
                + "From: <sip:alice@example.test>;tag=1\r\n"
                + "To: <sip:alice@example.test>\r\n"
                + "Call-ID: reg-" + branch + "\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + "Contact: <sip:alice@127.0.0.1:" + peer.getLocalPort() + ">\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void send(byte[] bytes) throws Exception {
        peer.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }
}
