package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source flooding the gateway is cut off (pike), while other sources keep being served. */
class FloodIT {

    @TempDir
    Path dir;

    private static String options(int port, int localPort, int n) {
        return "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bKflood" + n + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:flood@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\n"
                + "Call-ID: flood-" + n + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }

    /** Sends one OPTIONS from {@code socket} and reports whether a 200 came back within a second. */
    private static boolean answered(DatagramSocket socket, int port, int n) throws Exception {
        byte[] out = options(port, socket.getLocalPort(), n).getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), port));
        byte[] buf = new byte[4096];
        socket.setSoTimeout(1000);
        while (true) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(in);
            } catch (SocketTimeoutException e) {
                return false;
            }
            String reply = new String(buf, 0, in.getLength(), StandardCharsets.US_ASCII);
            if (reply.contains("Call-ID: flood-" + n + "\r\n")) {
                return reply.startsWith("SIP/2.0 200");
            }
        }
    }

    @Test
    void floodingSourceIsCutOffWhileOthersAreServed() throws Exception {
        int port = Ports.free();
        try (GatewayProcess gateway = GatewayProcess.start(dir, "sip:\n  source-rate-limit: 100\n", List.of(),
                "--listen", "127.0.0.1:" + port);
             DatagramSocket flooder = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             DatagramSocket bystander = new DatagramSocket(0, InetAddress.getByName("127.0.0.9"))) {
            assertTrue(answered(flooder, port, 0), "served before the flood");
            for (int i = 1; i <= 2000; i++) {
                byte[] out = options(port, flooder.getLocalPort(), i).getBytes(StandardCharsets.US_ASCII);
                flooder.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), port));
            }
            assertEquals(false, answered(flooder, port, 5000), "the flooding source is dropped");
            assertTrue(answered(bystander, port, 5001), "another source is still served");
            assertTrue(gateway.log().contains("Blocking 127.0.0.1: more than 100 requests in one second"),
                    gateway.log());

            boolean back = false;
            for (int i = 0; i < 10 && !back; i++) {
                Thread.sleep(500);
                back = answered(flooder, port, 6000 + i);
            }
            assertTrue(back, "served again once the flood is over");
        }
    }
}
