package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scanner probing extensions, as SIPVicious does, must not tell existing ones from absent ones by any
 * answer: the same status, reason, header fields and challenge (realm, algorithm, qop) for a known user as for
 * an unknown one, on REGISTER, INVITE, OPTIONS and SUBSCRIBE, with and without (wrong) credentials.
 */
class UserEnumerationIT {

    private static final String DOMAIN = "example.org";
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        port = Ports.free();
        Path data = dir.resolve("gw/data");
        GatewayProcess.runOk(data, "user", "add", "dana", "--domain", DOMAIN, "--password", "dana-secret");
        GatewayProcess.runOk(data, "user", "add", "alice", "--password", "alice-secret");
        gateway = GatewayProcess.start(dir.resolve("gw"), "", List.of(), "--listen", "127.0.0.1:" + port,
                "--domain", DOMAIN);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void registerWithoutCredentialsIsChallengedAlikeForKnownAndUnknownUsers() throws Exception {
        for (String known : List.of("dana", "alice")) {
            String a = finalAnswer(request("REGISTER", "sip:" + DOMAIN, known, DOMAIN, known, DOMAIN, ""));
            String b = finalAnswer(request("REGISTER", "sip:" + DOMAIN, "nobody", DOMAIN, "nobody", DOMAIN, ""));
            assertTrue(a.startsWith("SIP/2.0 401 "), a);
            assertEquals(shape(a), shape(b));
            assertTrue(a.contains("realm=\"natterjack\""), a);
            assertEquals(1, a.lines().filter(l -> l.startsWith("WWW-Authenticate:")).count(), a);
            assertTrue(a.contains("algorithm=MD5"), a);
        }
    }

    @Test
    void aWrongPasswordIsAnsweredAlikeForKnownAndUnknownUsers() throws Exception {
        String a = withWrongCredentials("REGISTER", "dana", "WWW-Authenticate", "Authorization");
        String b = withWrongCredentials("REGISTER", "nobody", "WWW-Authenticate", "Authorization");
        assertTrue(a.startsWith("SIP/2.0 401 "), a);
        assertEquals(shape(a), shape(b));
    }

    @Test
    void aCallerClaimingALocalUserIsChallengedAlikeWhetherItExistsOrNot() throws Exception {
        String a = finalAnswer(request("INVITE", "sip:alice@" + DOMAIN, "dana", DOMAIN, "alice", DOMAIN, ""));
        String b = finalAnswer(request("INVITE", "sip:alice@" + DOMAIN, "nobody", DOMAIN, "alice", DOMAIN, ""));
        assertTrue(a.startsWith("SIP/2.0 407 "), a);
        assertEquals(shape(a), shape(b));
        String c = withWrongCredentials("INVITE", "dana", "Proxy-Authenticate", "Proxy-Authorization");
        String d = withWrongCredentials("INVITE", "nobody", "Proxy-Authenticate", "Proxy-Authorization");
        assertTrue(c.startsWith("SIP/2.0 407 "), c);
        assertEquals(shape(c), shape(d));
    }

    @Test
    void outsideCallersGetTheSameAnswerForUnknownAndUnregisteredUsers() throws Exception {
        for (String method : List.of("INVITE", "OPTIONS", "SUBSCRIBE")) {
            String extra = method.equals("SUBSCRIBE") ? "Event: presence\r\nExpires: 60\r\n" : "";
            String a = finalAnswer(request(method, "sip:dana@" + DOMAIN, "scanner", "outside.test", "dana", DOMAIN,
                    extra));
            String b = finalAnswer(request(method, "sip:nobody@" + DOMAIN, "scanner", "outside.test", "nobody",
                    DOMAIN, extra));
            assertTrue(a.startsWith("SIP/2.0 480 "), a);
            assertEquals(shape(a), shape(b), method);
        }
    }

    /** A request that answers the gateway's challenge for {@code user} with a wrong password. */
    private static String withWrongCredentials(String method, String user, String challengeHeader,
                                               String credentialsHeader) throws Exception {
        String uri = method.equals("REGISTER") ? "sip:" + DOMAIN : "sip:alice@" + DOMAIN;
        String to = method.equals("REGISTER") ? user : "alice";
        String challenge = finalAnswer(request(method, uri, user, DOMAIN, to, DOMAIN, ""));
        Matcher nonce = NONCE.matcher(challenge);
        assertTrue(challenge.contains(challengeHeader + ":") && nonce.find(), challenge);
        String ha1 = md5(user + ":natterjack:wrong-password");
        String response = md5(ha1 + ":" + nonce.group(1) + ":00000001:c0ffee:auth:" + md5(method + ":" + uri));
        String credentials = credentialsHeader + ": Digest username=\"" + user + "\", realm=\"natterjack\", nonce=\""
                + nonce.group(1) + "\", uri=\"" + uri + "\", response=\"" + response
                + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"c0ffee\"\r\n";
        return finalAnswer(request(method, uri, user, DOMAIN, to, DOMAIN, credentials));
    }

    /**
     * What an answer tells apart from its dialog identifiers: status line and header field names in order, and
     * every challenge without its nonce.
     */
    private static String shape(String answer) {
        StringBuilder shape = new StringBuilder(answer.lines().findFirst().orElse("")).append('\n');
        TreeSet<String> names = new TreeSet<>();
        answer.lines().skip(1).filter(l -> l.contains(":")).forEach(l -> {
            String name = l.substring(0, l.indexOf(':')).trim();
            names.add(name);
            if (name.toLowerCase(Locale.ROOT).endsWith("-authenticate")) {
                shape.append(NONCE.matcher(l).replaceAll("nonce=\"*\"")).append('\n');
            }
        });
        return shape.append(names).toString();
    }

    private static String request(String method, String uri, String fromUser, String fromDomain, String toUser,
                                  String toDomain, String extraHeaders) {
        long unique = System.nanoTime();
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK" + Long.toHexString(unique) + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + fromUser + "@" + fromDomain + ">;tag=" + unique + "\r\n"
                + "To: <sip:" + toUser + "@" + toDomain + ">\r\n"
                + "Call-ID: " + unique + "@scanner\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:" + fromUser + "@127.0.0.1:40000>\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n\r\n";
    }

    /** Sends one datagram and returns the first final (non-1xx) response to it, 5 s at most. */
    private static String finalAnswer(String message) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[65535];
            for (int i = 0; i < 5; i++) {
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(reply);
                } catch (SocketTimeoutException e) {
                    break;
                }
                String text = new String(buf, 0, reply.getLength(), StandardCharsets.UTF_8);
                if (!text.startsWith("SIP/2.0 1")) {
                    return text;
                }
            }
            throw new AssertionError("no final answer to\n" + message);
        }
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
