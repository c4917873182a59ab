package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input against a running gateway: each gets a proper response or is dropped, and the
 * gateway keeps serving. The peer here is a raw socket on purpose: no SIP stack would send these.
 */
class MalformedRequestIT {

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        port = Ports.free();
        gateway = GatewayProcess.start(dir, "", List.of(), "--listen", "127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static String request(String method, String extraHeaders) {
        return method + " sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK" + Long.toHexString(System.nanoTime()) + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=1\r\n"
                + "To: <sip:127.0.0.1>\r\n"
                + "Call-ID: " + System.nanoTime() + "@probe\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n\r\n";
    }

    /** Sends one datagram and returns the first response line and headers, or null if none came in 2 s. */
    private static String exchange(String message) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(2000);
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[65535];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(reply);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return new String(buf, 0, reply.getLength(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aTopViaNamingAnotherTransportIsRefusedWithoutALogLinePerReply() throws Exception {
        long warningsBefore = gateway.log().lines().filter(l -> l.contains(" WARN ")).count();
        for (String transport : List.of("DP", "TCP", "TLS")) {
            String reply = exchange(request("REGISTER", "").replace("SIP/2.0/UDP", "SIP/2.0/" + transport)
                    .replace("sip:127.0.0.1:" + port + " ", "sip:127.0.0.1 "));
            assertNotNull(reply, transport);
            assertTrue(reply.startsWith("SIP/2.0 400 Via Transport Is Not The One Used\r\n"), reply);
        }
        String log = gateway.log();
        assertFalse(log.contains("whoopsa"), log);
        assertEquals(warningsBefore, log.lines().filter(l -> l.contains(" WARN ")).count(), log);
    }

    @Test
    void optionsToTheGatewayReportsItsCapabilities() throws Exception {
        String reply = exchange(request("OPTIONS", ""));
        assertTrue(reply.startsWith("SIP/2.0 200 "), reply);
        assertTrue(reply.contains("\nAllow: REGISTER,OPTIONS"), reply);
        assertTrue(reply.contains("\nAccept: application/sdp"), reply);
        assertTrue(reply.contains("\nSupported:"), reply);
        assertTrue(reply.contains(";received=127.0.0.1"), "received is always added: " + reply);
    }

    @Test
    void unknownMethodGets405WithAllow() throws Exception {
        String reply = exchange(request("FROBNICATE", ""));
        assertTrue(reply.startsWith("SIP/2.0 405 "), reply);
        assertTrue(reply.contains("\nAllow: REGISTER,OPTIONS"), reply);
    }

    @Test
    void unparseableHeaderGets400NamingIt() throws Exception {
        String reply = exchange(request("OPTIONS", "Expires: soon\r\n"));
        assertTrue(reply.startsWith("SIP/2.0 400 Malformed Expires Header"), reply);
    }

    @Test
    void aRegisterWithABrokenPathGets400() throws Exception {
        String reply = exchange(request("REGISTER", "Path: <sip:edge.example.org;lr\r\n"));
        assertTrue(reply.startsWith("SIP/2.0 400 "), reply);
    }

    @Test
    void brokenViaGets400() throws Exception {
        String reply = exchange(request("OPTIONS", "").replace("127.0.0.1:40000;", "127.0.0.1:40000:1;"));
        assertTrue(reply.startsWith("SIP/2.0 400 "), reply);
    }

    @Test
    void oversizedRequestGets513() throws Exception {
        String reply = exchange(request("OPTIONS", "X-Padding: " + "a".repeat(20_000) + "\r\n"));
        assertTrue(reply.startsWith("SIP/2.0 513 "), reply);
    }

    @Test
    void tooManyHeadersGet400() throws Exception {
        String reply = exchange(request("OPTIONS", "X-Many: 1\r\n".repeat(150)));
        assertTrue(reply.startsWith("SIP/2.0 400 Too Many Headers"), reply);
    }

    @Test
    void registerForAForeignDomainIsRefused() throws Exception {
        String reply = exchange(request("REGISTER", "").replace("To: <sip:127.0.0.1>", "To: <sip:x@example.com>")
                .replace("From: <sip:probe@127.0.0.1>", "From: <sip:x@example.com>"));
        assertTrue(reply.startsWith("SIP/2.0 403 Not a local domain"), reply);
    }

    @Test
    void strayCancelGets481() throws Exception {
        String reply = exchange(request("CANCEL", ""));
        assertTrue(reply.startsWith("SIP/2.0 481 "), reply);
    }

    @Test
    void garbageIsDroppedAndTheGatewayKeepsServing() throws Exception {
        Random random = new Random(4475);
        // The garbage comes from its own address: the flood guard may rightly cut that one off.
        InetAddress garbageSource = InetAddress.getByName("127.0.0.2");
        try (DatagramSocket socket = new DatagramSocket(0, garbageSource)) {
            for (int i = 0; i < 500; i++) {
                byte[] junk = new byte[1 + random.nextInt(1400)];
                random.nextBytes(junk);
                if (i % 3 == 0) {
                    // Half-plausible: a request line followed by noise.
                    byte[] head = "INVITE sip:x@127.0.0.1 SIP/2.0\r\nVia: ".getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(head, 0, junk, 0, Math.min(head.length, junk.length));
                }
                socket.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), port));
            }
        }
        try (Socket tcp = new Socket()) {
            tcp.bind(new InetSocketAddress(garbageSource, 0));
            tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            OutputStream out = tcp.getOutputStream();
            out.write("REGISTER sip:x SIP/2.0\r\nContent-Length: 99999999\r\n\r\nxx".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[4096]);
            out.flush();
        }
        // The burst is worked off first (the SIP stack spends a few ms on each packet it cannot parse).
        String reply = null;
        for (int i = 0; i < 5 && reply == null; i++) {
            reply = exchange(request("OPTIONS", ""));
        }
        assertTrue(reply != null && reply.startsWith("SIP/2.0 200 "), "still serving after garbage: " + reply);
        assertTrue(gateway.isAlive());
        assertEquals(-1, gateway.log().indexOf("OutOfMemoryError"));
    }
}
