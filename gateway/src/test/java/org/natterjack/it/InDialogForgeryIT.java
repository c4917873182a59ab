package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: a request with a made-up To tag used to be proxied as an in-dialog request to wherever its
 * Request-URI pointed, whoever sent it: an open relay (toll fraud). Only requests that follow a route set
 * the gateway signed for their dialog, or that come from callers allowed to reach any destination, may
 * pass. The "victim" is a UDP socket that must never see the forged request.
 */
class InDialogForgeryIT {

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int port;

    DatagramSocket victim;
    DatagramSocket attacker;

    @BeforeAll
    static void start() throws Exception {
        port = Ports.free();
        gateway = GatewayProcess.start(dir, "", List.of(), "--listen", "127.0.0.1:" + port,
                "--domain", "example.test");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @BeforeEach
    void sockets() throws Exception {
        victim = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        attacker = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void closeSockets() {
        victim.close();
        attacker.close();
    }

    private String forged(String method, String from, String route) {
        String callId = System.nanoTime() + "@forger";
        return method + " sip:+4930123456@127.0.0.1:" + victim.getLocalPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + attacker.getLocalPort() + ";branch=z9hG4bK"
                + Long.toHexString(System.nanoTime()) + ";rport\r\n"
                + route
                + "Max-Forwards: 70\r\n"
                + "From: <" + from + ">;tag=a1\r\n"
                + "To: <sip:+4930123456@example.net>;tag=made-up\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:fraud@127.0.0.1:" + attacker.getLocalPort() + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** Sends {@code message} from the attacker; the final response it gets (null if none within 2 s). */
    private String send(String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        attacker.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        attacker.setSoTimeout(2000);
        byte[] buf = new byte[65535];
        for (int i = 0; i < 5; i++) {
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            try {
                attacker.receive(reply);
            } catch (SocketTimeoutException e) {
                return null;
            }
            String text = new String(buf, 0, reply.getLength(), StandardCharsets.UTF_8);
            if (!text.startsWith("SIP/2.0 1")) {
                return text;
            }
        }
        return null;
    }

    /** What reached the victim within {@code millis} (null: nothing). */
    private String victimReceived(int millis) throws Exception {
        victim.setSoTimeout(millis);
        byte[] buf = new byte[65535];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        try {
            victim.receive(packet);
            return new String(buf, 0, packet.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    @Test
    void forgedToTagInviteFromOutsiderIsRefusedAndGoesNowhere() throws Exception {
        String reply = send(forged("INVITE", "sip:fraud@203.0.113.9", ""));
        assertNotNull(reply, "the gateway answers the forged INVITE");
        assertTrue(reply.startsWith("SIP/2.0 403 "), reply);
        assertNull(victimReceived(1000), "the forged INVITE must not be forwarded");
    }

    @Test
    void forgedRouteNamingTheGatewayIsRefused() throws Exception {
        String route = "Route: <sip:AAAAAAAAAAAAAAAAAAAAAAAA@127.0.0.1:" + port + ";transport=udp;lr>\r\n";
        String reply = send(forged("INVITE", "sip:fraud@203.0.113.9", route));
        assertNotNull(reply);
        assertTrue(reply.startsWith("SIP/2.0 403 "), reply);
        assertNull(victimReceived(1000), "a Route with a forged token must not open the way");
    }

    @Test
    void forgedByeFromSomeoneClaimingToBeALocalUserIsChallenged() throws Exception {
        String reply = send(forged("BYE", "sip:alice@example.test", ""));
        assertNotNull(reply);
        assertTrue(reply.startsWith("SIP/2.0 407 "), reply);
        assertTrue(reply.contains("Proxy-Authenticate: Digest"), reply);
        assertNull(victimReceived(1000));
    }

    @Test
    void forgedAckIsDropped() throws Exception {
        assertNull(send(forged("ACK", "sip:fraud@203.0.113.9", "")), "an ACK gets no answer");
        assertNull(victimReceived(1000), "the forged ACK must not be forwarded");
    }

    @Test
    void gatewayKeepsServingAfterTheForgeries() throws Exception {
        forgedAckIsDropped();
        String options = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + attacker.getLocalPort() + ";branch=z9hG4bKok" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:probe@203.0.113.9>;tag=1\r\nTo: <sip:127.0.0.1>\r\n"
                + "Call-ID: " + System.nanoTime() + "@probe\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        String reply = send(options);
        assertNotNull(reply);
        assertEquals("SIP/2.0 200 OK", reply.lines().findFirst().orElseThrow());
    }
}
