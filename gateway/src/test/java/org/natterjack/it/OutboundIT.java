package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 5626 at the registrar, over a TCP connection as a client behind NAT would keep it: a REGISTER that supports
 * outbound and registers a flow (instance and reg-id) is answered with {@code Require: outbound} and the keepalive
 * interval ({@code Flow-Timer}); its CRLFCRLF pings get the CRLF pong; a REGISTER that does not ask gets neither.
 */
class OutboundIT {

    @TempDir
    Path dir;

    @Test
    void aFlowRegisteredWithOutboundIsConfirmedAndItsPingsAnswered() throws Exception {
        int port = Ports.free();
        String config = "auth:\n  required: false\nnat:\n  keepalive-seconds: 25\n";
        try (GatewayProcess gateway = GatewayProcess.start(dir, config, List.of(), "--listen", "127.0.0.1:" + port);
             Socket client = new Socket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            client.setSoTimeout(10_000);

            send(client, register(1, "Supported: outbound, path\r\n",
                    ";+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";reg-id=1"));
            String outbound = readUntil(client.getInputStream(), "\r\n\r\n");
            send(client, register(2, "", ""));
            String plain = readUntil(client.getInputStream(), "\r\n\r\n");
            send(client, "\r\n\r\n");
            String pong = readUntil(client.getInputStream(), "\r\n");

            assertTrue(outbound.startsWith("SIP/2.0 200 OK"), outbound);
            assertTrue(outbound.contains("\r\nRequire: outbound\r\n"), outbound);
            assertTrue(outbound.contains("\r\nFlow-Timer: 25\r\n"), outbound);
            assertTrue(outbound.contains("reg-id=1"), "the flow's binding is listed as such\n" + outbound);
            assertTrue(plain.startsWith("SIP/2.0 200 OK"), plain);
            assertFalse(plain.contains("Require:"), "only a REGISTER that asks for outbound gets it\n" + plain);
            assertEquals("\r\n", pong, "the CRLFCRLF ping gets its CRLF pong (RFC 5626 4.4.1)");
        }
    }

    @Test
    void aNewFlowOfTheSameInstanceAndRegIdClosesTheOldConnection() throws Exception {
        int port = Ports.free();
        String config = "auth:\n  required: false\nnat:\n  keepalive-seconds: 25\n";
        String flow = ";+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E129>\";reg-id=1";
        try (GatewayProcess gateway = GatewayProcess.start(dir, config, List.of(), "--listen", "127.0.0.1:" + port);
             Socket before = new Socket();
             Socket after = new Socket()) {
            before.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            before.setSoTimeout(10_000);
            send(before, register(1, "Supported: outbound\r\n", flow));
            assertTrue(readUntil(before.getInputStream(), "\r\n\r\n").startsWith("SIP/2.0 200 OK"));

            after.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            after.setSoTimeout(10_000);
            send(after, register(2, "Supported: outbound\r\n", flow));
            String answer = readUntil(after.getInputStream(), "\r\n\r\n");

            assertTrue(answer.startsWith("SIP/2.0 200 OK"), answer);
            assertEquals(-1, before.getInputStream().read(), "the replaced flow's connection is closed");
            assertEquals(List.of(after.getLocalPort()), receivedPorts(gateway, after.getLocalPort()),
                    "one binding, over the new connection");
            send(after, "\r\n\r\n");
            assertEquals("\r\n", readUntil(after.getInputStream(), "\r\n"), "the new connection stays");
        }
    }

    @Test
    void aBindingWhoseConnectionClosedIsDroppedAtOnce() throws Exception {
        int port = Ports.free();
        String config = "auth:\n  required: false\nnat:\n  keepalive-seconds: 25\n";
        try (GatewayProcess gateway = GatewayProcess.start(dir, config, List.of(), "--listen", "127.0.0.1:" + port)) {
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                client.setSoTimeout(10_000);
                send(client, register(1, "Supported: outbound\r\n",
                        ";+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E130>\";reg-id=1"));
                assertTrue(readUntil(client.getInputStream(), "\r\n\r\n").startsWith("SIP/2.0 200 OK"));
                assertEquals(1, gateway.awaitBindings("sip:olga@127.0.0.1", 1).size());
            }

            assertEquals(List.of(), gateway.awaitBindings("sip:olga@127.0.0.1", 0),
                    "dropped when its connection closed, not when it expires (60 s)");
        }
    }

    /** The bindings' source ports once the store shows {@code expected} (written behind: polled, bounded). */
    private static List<Object> receivedPorts(GatewayProcess gateway, int expected) throws Exception {
        List<Object> ports = List.of();
        for (int i = 0; i < 50 && !ports.contains(expected); i++) {
            Thread.sleep(100);
            ports = gateway.bindings("sip:olga@127.0.0.1").stream().map(r -> r.get("received_port")).toList();
        }
        return ports;
    }

    private static String register(int cseq, String supported, String flowParameters) {
        return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 192.168.1.31:5060;branch=z9hG4bKoutbound" + cseq + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:olga@127.0.0.1>;tag=1\r\n"
                + "To: <sip:olga@127.0.0.1>\r\n"
                + "Call-ID: outbound-" + cseq + "@test\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + supported
                + "Contact: <sip:olga@192.168.1.31:5060;transport=tcp;ob>" + flowParameters + "\r\n"
                + "Expires: 600\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static void send(Socket client, String text) throws Exception {
        client.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
    }

    /** Reads (bounded by the socket timeout and 64 KiB) until the text ends with {@code end}. */
    private static String readUntil(InputStream in, String end) throws Exception {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith(end) && text.length() < 65536) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
        }
        return text.toString();
    }
}
