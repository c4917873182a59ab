package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway answers SIP before its plug-ins (here the web admin, which makes its certificate on a first
 * start) have started. A registration acknowledged in that window must survive a stop in the same moment,
 * as an appliance that restarts for an upgrade or a watchdog would stop it.
 */
class StopDuringStartIT {

    @TempDir
    Path dir;

    @Test
    void aRegistrationAcknowledgedDuringStartUpIsWrittenWhenTheGatewayIsStoppedThen() throws Exception {
        int sipPort = Ports.free();
        String config = "auth:\n  required: false\n";
        String[] args = {"--listen", "127.0.0.1:" + sipPort, "--admin-listen", "127.0.0.1:" + Ports.free()};
        GatewayProcess starting = GatewayProcess.launch(dir.resolve("gw"), config, List.of(), List.of(), args);
        boolean duringStartUp;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String answer = registerUntilAnswered(socket, sipPort);
            duringStartUp = !starting.log().contains(" started: ");
            starting.stop();
            assertTrue(answer.startsWith("SIP/2.0 200 "), answer);
        }
        assertTrue(duringStartUp, "the 200 OK came after start-up had ended, so this run did not test the window:\n"
                + starting.log());
        assertTrue(starting.log().contains("Natterjack stopped"), starting.log());
        assertEquals(1, starting.bindings("sip:alice@127.0.0.1").size(), starting.log());

        try (GatewayProcess restarted = GatewayProcess.start(dir.resolve("gw"), config, List.of(), args)) {
            assertTrue(restarted.log().contains(" 1 bindings restored"), restarted.log());
        }
    }

    /** Sends REGISTER every 20 ms from the moment the process exists until one is answered (30 s at most). */
    private static String registerUntilAnswered(DatagramSocket socket, int sipPort) throws Exception {
        int localPort = socket.getLocalPort();
        byte[] buffer = new byte[4096];
        socket.setSoTimeout(20);
        for (int cseq = 1; cseq <= 1500; cseq++) {
            String register = "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";rport;branch=z9hG4bK-start-" + cseq + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:alice@127.0.0.1>;tag=start\r\n"
                    + "To: <sip:alice@127.0.0.1>\r\n"
                    + "Call-ID: stop-during-start\r\n"
                    + "CSeq: " + cseq + " REGISTER\r\n"
                    + "Contact: <sip:alice@127.0.0.1:" + localPort + ">\r\n"
                    + "Expires: 3600\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = register.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", sipPort)));
            try {
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                socket.receive(reply);
                return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
            } catch (SocketTimeoutException e) {
                // not listening yet
            }
        }
        throw new AssertionError("no answer to REGISTER within 30 s");
    }
}
