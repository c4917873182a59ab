package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client registered over TCP is reached over its own connection: the keepalive (CRLFCRLF, RFC 5626)
 * arrives on the very socket the REGISTER was sent on, although its Contact is a private address.
 */
class TcpFlowIT {

    @TempDir
    Path dir;

    @Test
    void keepalivesTravelOverTheConnectionTheClientRegisteredOn() throws Exception {
        int port = Ports.free();
        String config = "auth:\n  required: false\nnat:\n  keepalive-seconds: 1\n";
        try (GatewayProcess gateway = GatewayProcess.start(dir, config, List.of(), "--listen", "127.0.0.1:" + port);
             SipTcpClient client = new SipTcpClient(port)) {
            String register = "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 192.168.1.30:5060;branch=z9hG4bKtcpflow1;rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:tina@127.0.0.1>;tag=1\r\n"
                    + "To: <sip:tina@127.0.0.1>\r\n"
                    + "Call-ID: tcpflow@test\r\n"
                    + "CSeq: 1 REGISTER\r\n"
                    + "Contact: <sip:tina@192.168.1.30:5060;transport=tcp>\r\n"
                    + "Expires: 600\r\n"
                    + "Content-Length: 0\r\n\r\n";
            client.send(register);

            String received = client.readUntil("\r\n\r\n\r\n\r\n");
            assertTrue(received.startsWith("SIP/2.0 200 OK"), received);
            assertTrue(received.endsWith("Content-Length: 0\r\n\r\n\r\n\r\n"),
                    "a CRLFCRLF keepalive followed the 200 OK on the same connection");
            assertTrue(received.contains("expires=60"), "NATed: capped at nat.refresh-seconds\n" + received);

            Map<String, Object> row = gateway.awaitBindings("sip:tina@127.0.0.1", 1).get(0);
            assertEquals("TCP", row.get("transport"));
            assertEquals(client.localPort(), row.get("received_port"), "the flow is the client's own connection");
        }
    }
}
