package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.Gateway;
import org.natterjack.config.ConfigLoader;

/**
 * The drain seam end to end: a gateway started in process (with the upgrade plug-in on the class path, idle
 * here), its {@code Admission} switched as the upgrade agent switches it, real SIP over UDP.
 */
class DrainIT {

    @TempDir
    static Path dir;
    static Gateway gateway;
    static InetSocketAddress sip;

    @BeforeAll
    static void start() throws Exception {
        int port = Ports.free();
        sip = new InetSocketAddress("127.0.0.1", port);
        Path config = dir.resolve("natterjack.yaml");
        Files.writeString(config, """
                data-dir: %s
                sip:
                  listen: ["127.0.0.1:%d"]
                auth:
                  required: false
                relay:
                  port-min: 26400
                  port-max: 26419
                """.formatted(dir.resolve("data"), port));
        gateway = Gateway.start(ConfigLoader.load(config), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void whileDrainingNewCallsGet503WithRetryAfterAndEverythingElsePasses() throws Exception {
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            phone.setSoTimeout(3000);
            assertTrue(finalStatus(phone, register(phone)).startsWith("SIP/2.0 200"), "registered");

            gateway.admission().drain(Duration.ofSeconds(360));
            String refused = finalStatus(phone, invite(phone, null));
            assertTrue(refused.startsWith("SIP/2.0 503"), refused);
            assertTrue(refused.contains("\r\nRetry-After: 360"), refused);

            assertTrue(finalStatus(phone, register(phone)).startsWith("SIP/2.0 200"), "REGISTER still served");
            String inDialog = finalStatus(phone, invite(phone, "to-tag-1"));
            assertTrue(!inDialog.startsWith("SIP/2.0 503"), "a re-INVITE is no new call: " + inDialog);
            assertTrue(finalStatus(phone, options(phone)).startsWith("SIP/2.0 200"), "OPTIONS answered");

            gateway.admission().admit();
            String after = finalStatus(phone, invite(phone, null));
            assertNotEquals("SIP/2.0 503", after.substring(0, 11), "new calls are taken again: " + after);
        }
    }

    /** Sends {@code request} and returns the first final response (provisional ones skipped). */
    private static String finalStatus(DatagramSocket phone, String request) throws Exception {
        byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        phone.send(new DatagramPacket(bytes, bytes.length, sip));
        byte[] buffer = new byte[8192];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                phone.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no final response to\n" + request, e);
            }
            String response = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
            if (response.startsWith("SIP/2.0 ") && response.charAt(8) != '1') {
                return response;
            }
        }
    }

    private static String register(DatagramSocket phone) {
        return request("REGISTER", "sip:127.0.0.1:" + sip.getPort(), phone, null,
                "Contact: <sip:alice@127.0.0.1:" + phone.getLocalPort() + ">\r\nExpires: 300\r\n", "alice");
    }

    private static String invite(DatagramSocket phone, String toTag) {
        return request("INVITE", "sip:bob@127.0.0.1:" + sip.getPort(), phone, toTag,
                "Contact: <sip:alice@127.0.0.1:" + phone.getLocalPort() + ">\r\n", "bob");
    }

    private static String options(DatagramSocket phone) {
        return request("OPTIONS", "sip:127.0.0.1:" + sip.getPort(), phone, null, "", "");
    }

    private static String request(String method, String uri, DatagramSocket phone, String toTag, String extra,
                                  String toUser) {
        String to = toUser.isEmpty() ? "<sip:127.0.0.1>" : "<sip:" + toUser + "@127.0.0.1>";
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.getLocalPort() + ";branch=z9hG4bK" + UUID.randomUUID()
                + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@127.0.0.1>;tag=" + UUID.randomUUID().toString().substring(0, 8) + "\r\n"
                + "To: " + (method.equals("REGISTER") ? "<sip:alice@127.0.0.1>" : to)
                + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + UUID.randomUUID() + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }
}
