package org.natterjack.appliance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SIP over UDP to the appliance's forwarded port: one request, one answer (the phone of the tests). */
final class SipProbe {

    private final int port;

    SipProbe(int port) {
        this.port = port;
    }

    String options() throws Exception {
        return exchange(request("OPTIONS", "sip:127.0.0.1", ""));
    }

    /** REGISTER answered with digest credentials for the challenge it gets; returns the final answer. */
    String register(String user, String password) throws Exception {
        String challenge = exchange(request("REGISTER", "sip:127.0.0.1", user));
        Matcher nonce = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
        assertTrue(challenge.startsWith("SIP/2.0 401 ") && nonce.find(), challenge);
        String uri = "sip:127.0.0.1";
        String ha1 = md5(user + ":natterjack:" + password);
        String response = md5(ha1 + ":" + nonce.group(1) + ":00000001:0a4f113b:auth:" + md5("REGISTER:" + uri));
        return exchange(request("REGISTER", uri, user).replace("Content-Length: 0",
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

    private String exchange(String message) throws Exception {
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
}
