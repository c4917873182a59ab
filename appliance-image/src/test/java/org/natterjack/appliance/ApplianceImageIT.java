package org.natterjack.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.CookieManager;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * The image as an operator gets it: built by build.sh (unless this build made it already), booted in qemu, GRUB
 * picks slot A and counts the try, the gateway starts from the data partition, prints its setup link on the
 * console, answers SIP through the forwarded port, and a phone registers with a user made through the web
 * admin, which then lists the registration.
 */
class ApplianceImageIT {

    private static final Path IMAGE = Path.of("target/natterjack.img");
    private static final Pattern SETUP = Pattern.compile("Admin setup: \\S+/setup\\?token=([A-Za-z0-9_-]+)\\s");

    /** Kept after the run (serial console, qemu's output); emptied when the next run starts. */
    private final Path dir = Path.of("target/appliance-it").toAbsolutePath();

    @Test
    void bootsIntoAGatewayAPhoneRegistersWith() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (mmdebstrap); skipped");
        buildImageIfMissing();
        if (Files.exists(dir)) {
            try (var old = Files.walk(dir)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        int sip = freePort();
        int admin = freePort();
        try (Qemu vm = Qemu.boot(IMAGE.toAbsolutePath(), dir, sip, admin)) {
            vm.await(Pattern.compile("natterjack-grub: slot A .*A_TRY=1"), 120, "GRUB choosing slot A");
            vm.await(Pattern.compile("Natterjack \\S+ started: .*data in /data/natterjack/natterjack.db"), 600,
                    "the gateway's start on the data partition");
            String token = vm.await(SETUP, 10, "the setup link").group(1);

            assertTrue(exchange(sip, request("OPTIONS", "sip:127.0.0.1", "")).startsWith("SIP/2.0 200 "));

            WebAdmin web = new WebAdmin(admin);
            web.awaitServing();
            assertEquals(201, web.send("POST", "/api/v1/setup",
                    "{\"token\":\"" + token + "\",\"username\":\"admin\",\"password\":\"appliance-pw\"}").statusCode());
            HttpResponse<String> login = web.send("POST", "/api/v1/session",
                    "{\"username\":\"admin\",\"password\":\"appliance-pw\"}");
            assertEquals(200, login.statusCode(), login.body());
            web.csrf = login.body().replaceAll(".*\"csrfToken\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            assertEquals(201, web.send("POST", "/api/v1/users",
                    "{\"username\":\"alice\",\"password\":\"alice-pw\"}").statusCode());

            assertTrue(register(sip, "alice", "alice-pw").startsWith("SIP/2.0 200 "));
            String registrations = web.send("GET", "/api/v1/registrations", null).body();
            assertTrue(registrations.contains("alice"), registrations);
        }
    }

    /** Runs build.sh unless the image is newer than the package it holds (a fresh clone has neither). */
    private static void buildImageIfMissing() throws Exception {
        Path deb = Path.of("target/natterjack.deb");
        if (Files.exists(IMAGE) && Files.getLastModifiedTime(IMAGE).compareTo(Files.getLastModifiedTime(deb)) > 0) {
            return;
        }
        Process build = new ProcessBuilder("./build.sh").inheritIO().start();
        assertTrue(build.waitFor(30, TimeUnit.MINUTES), "build.sh did not finish in 30 minutes");
        assertEquals(0, build.exitValue(), "build.sh failed");
    }

    /** REGISTER answered with digest credentials for the challenge it gets; returns the final answer. */
    private static String register(int port, String user, String password) throws Exception {
        String challenge = exchange(port, request("REGISTER", "sip:127.0.0.1", user));
        Matcher nonce = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
        assertTrue(challenge.startsWith("SIP/2.0 401 ") && nonce.find(), challenge);
        String uri = "sip:127.0.0.1";
        String ha1 = md5(user + ":natterjack:" + password);
        String response = md5(ha1 + ":" + nonce.group(1) + ":00000001:0a4f113b:auth:" + md5("REGISTER:" + uri));
        return exchange(port, request("REGISTER", uri, user).replace("Content-Length: 0",
                "Authorization: Digest username=\"" + user + "\", realm=\"natterjack\", nonce=\"" + nonce.group(1)
                        + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=MD5, qop=auth,"
                        + " nc=00000001, cnonce=\"0a4f113b\"\r\nContent-Length: 0"));
    }

    private static String request(String method, String uri, String user) {
        String from = user.isEmpty() ? "probe" : user;
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5999;rport;branch=z9hG4bK-" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + from + "@127.0.0.1>;tag=appliance\r\n"
                + "To: <sip:" + from + "@127.0.0.1>\r\n"
                + "Call-ID: appliance-" + method + "@127.0.0.1\r\n"
                + "CSeq: " + (System.nanoTime() % 100000) + " " + method + "\r\n"
                + "Contact: <sip:" + from + "@127.0.0.1:5999>\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String exchange(int port, String message) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(10000);
            byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket reply = new DatagramPacket(new byte[8192], 8192);
            socket.receive(reply);
            return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
        }
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static int freePort() throws Exception {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return tcp.getLocalPort();
            } catch (java.io.IOException taken) {
                // UDP side in use: another
            }
        }
        throw new IllegalStateException("no free port");
    }

    /**
     * The web admin's JSON API over HTTPS. Its certificate is made inside the VM at first boot, so this client
     * trusts any (a test of the appliance, not of TLS; WebAdminIT checks TLS against the real certificate).
     */
    private static final class WebAdmin {
        private final HttpClient http;
        private final int port;
        private String csrf;

        WebAdmin(int port) throws Exception {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            this.http = HttpClient.newBuilder().sslContext(tls).cookieHandler(new CookieManager())
                    .connectTimeout(java.time.Duration.ofSeconds(20)).build();
            this.port = port;
        }

        /**
         * Waits (bounded) until the web admin completes a TLS handshake through the forwarded port: under
         * emulation the guest may still be busy when the gateway has logged its start.
         */
        void awaitServing() throws Exception {
            Exception last = null;
            for (int i = 0; i < 30; i++) {
                try {
                    send("GET", "/login", null);
                    return;
                } catch (java.io.IOException e) {
                    last = e;
                    Thread.sleep(2000);
                }
            }
            throw last;
        }

        HttpResponse<String> send(String method, String path, String json) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json").timeout(java.time.Duration.ofSeconds(60));
            if (csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
