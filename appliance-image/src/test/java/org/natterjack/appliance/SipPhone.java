package org.natterjack.appliance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phone on the host, reaching the appliance through qemu's forwarded UDP port (so the gateway sees it behind
 * NAT, at slirp's 10.0.2.2): it registers from one socket and keeps answering the gateway's keepalive requests
 * with 200 on that socket, as a phone does, so its binding stays across the appliance's reboots.
 */
final class SipPhone implements AutoCloseable {

    private final int port;
    private final DatagramSocket socket;
    private final BlockingQueue<String> responses = new LinkedBlockingQueue<>();
    private final Thread reader;

    SipPhone(int port) throws IOException {
        this.port = port;
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.reader = new Thread(this::read, "sip-phone");
        reader.setDaemon(true);
        reader.start();
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

    private String request(String method, String uri, String user) {
        String from = user.isEmpty() ? "probe" : user;
        int local = socket.getLocalPort();
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + local + ";rport;branch=z9hG4bK-" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + from + "@127.0.0.1>;tag=appliance\r\n"
                + "To: <sip:" + from + "@127.0.0.1>\r\n"
                + "Call-ID: appliance-" + method + "@127.0.0.1\r\n"
                + "CSeq: " + (System.nanoTime() % 100000) + " " + method + "\r\n"
                + "Contact: <sip:" + from + "@127.0.0.1:" + local + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private String exchange(String message) throws Exception {
        responses.clear();
        send(message, new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        String reply = responses.poll(10, TimeUnit.SECONDS);
        assertTrue(reply != null, "no answer from the appliance to " + message.lines().findFirst().orElse(""));
        return reply;
    }

    /** Responses go to {@link #exchange}; requests (the gateway's keepalives) get 200 with their headers. */
    private void read() {
        byte[] buffer = new byte[8192];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
                if (message.startsWith("SIP/2.0 ")) {
                    responses.add(message);
                } else if (!message.isBlank() && !message.startsWith("ACK ")) {
                    send(ok(message), packet.getSocketAddress());
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static String ok(String request) {
        StringBuilder answer = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            if (line.matches("(?i)(Via|v|From|f|To|t|Call-ID|i|CSeq):.*")) {
                answer.append(line).append("\r\n");
            }
        }
        return answer.append("Content-Length: 0\r\n\r\n").toString();
    }

    private void send(String message, SocketAddress to) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(5000);
    }
}
