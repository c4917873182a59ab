package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over WebSocket (RFC 7118), as browser clients (SIP.js, JsSIP) speak it: the JDK's WebSocket client with the
 * {@code sip} subprotocol, one SIP message per text message, {@code .invalid} hosts in Via and Contact, over ws://
 * and wss:// (a certificate made with openssl); the client is called from sipp over UDP, and its binding goes when
 * its connection closes.
 */
class WebSocketIT {

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int sipPort;
    static int wsPort;
    static int wssPort;

    @BeforeAll
    static void start() throws Exception {
        sipPort = Ports.free();
        wsPort = Ports.free();
        wssPort = Ports.free();
        run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=localhost", "-days", "2");
        run(dir, "openssl", "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "sip.p12",
                "-passout", "pass:secret");
        gateway = GatewayProcess.start(dir.resolve("gw"), """
                auth:
                  required: false
                websocket:
                  listen: ["ws://127.0.0.1:%d", "wss://127.0.0.1:%d"]
                  keystore: %s
                  keystore-password: secret
                """.formatted(wsPort, wssPort, dir.resolve("sip.p12")), List.of(), "--listen", "127.0.0.1:" + sipPort);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    /** A browser-like SIP client: what arrives is queued, one SIP message per text message. */
    private static final class Client implements AutoCloseable {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final WebSocket socket;

        Client(String uri) throws Exception {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new TrustingEveryone()}, new SecureRandom());
            socket = HttpClient.newBuilder().sslContext(tls).build().newWebSocketBuilder().subprotocols("sip")
                    .buildAsync(URI.create(uri), new WebSocket.Listener() {
                        private final StringBuilder parts = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            parts.append(data);
                            if (last) {
                                received.add(parts.toString());
                                parts.setLength(0);
                            }
                            ws.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
        }

        void send(String message) throws Exception {
            socket.sendText(message, true).get(5, TimeUnit.SECONDS);
        }

        String next() throws InterruptedException {
            String message = received.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("nothing arrived over the WebSocket");
            }
            return message;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    private static String register(String user, String transport, String host) {
        return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + host + ";branch=z9hG4bK" + user + "1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=" + user + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: ws-" + user + "@" + host + "\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + "Contact: <sip:" + user + "@" + host + ";transport=ws>;expires=600\r\n"
                + "Supported: path, outbound\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void aBrowserClientRegistersOverWssAndIsCalledOverItsWebSocket() throws Exception {
        try (Client browser = new Client("wss://127.0.0.1:" + wssPort)) {
            browser.send(register("wendy", "WSS", "df7jal23ls0d.invalid"));
            String ok = browser.next();
            assertTrue(ok.startsWith("SIP/2.0 200 OK"), ok);
            assertEquals(1, gateway.awaitBindings("sip:wendy@127.0.0.1", 1).size());

            Sipp.Running caller = Sipp.start(dir.resolve("caller"), List.of(), "uac-call.xml",
                    "127.0.0.1:" + sipPort, List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()),
                            "-key", "callee", "wendy", "-key", "domain", "127.0.0.1", "-key", "caller", "zoe",
                            "-key", "caller_domain", "198.51.100.7", "-d", "200"));
            String invite = browser.next();
            assertTrue(invite.startsWith("INVITE sip:wendy@df7jal23ls0d.invalid"), invite);
            assertTrue(invite.contains("SIP/2.0/WSS"), "the gateway's Via names the transport: " + invite);
            browser.send(answer(invite, 200, "OK"));
            browser.next(); // the ACK
            String bye = browser.next();
            assertTrue(bye.startsWith("BYE "), bye);
            browser.send(answer(bye, 200, "OK"));

            assertEquals(0, caller.await().exitCode(), "the call through the WebSocket was set up and ended");
        }
        assertEquals(List.of(), gateway.awaitBindings("sip:wendy@127.0.0.1", 0),
                "the tab closed: its binding is dropped at once, not at expiry (RFC 5626)");
    }

    @Test
    void aPlainWebSocketClientRegisters() throws Exception {
        try (Client browser = new Client("ws://127.0.0.1:" + wsPort)) {
            browser.send(register("walt", "WS", "k3jd0a.invalid"));
            String ok = browser.next();
            assertTrue(ok.startsWith("SIP/2.0 200 OK"), ok);
            assertTrue(ok.contains(".invalid"), "the Contact stays as the client wrote it: " + ok);
        }
    }

    /** A response to {@code request} with its transaction's headers (and our tag and Contact for the 200). */
    private static String answer(String request, int status, String reason) {
        StringBuilder out = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String line : request.split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')) : "";
            if (List.of("Via", "Record-Route", "From", "Call-ID", "CSeq").contains(name)) {
                out.append(line).append("\r\n");
            } else if (name.equals("To")) {
                out.append(line).append(line.contains("tag=") ? "" : ";tag=wendy").append("\r\n");
            }
        }
        return out.append("Contact: <sip:wendy@df7jal23ls0d.invalid;transport=ws>\r\nContent-Length: 0\r\n\r\n")
                .toString();
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
    }
}
