package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 5626 at the registrar, over TCP connections as clients behind NAT keep them: a REGISTER that supports outbound
 * and registers a flow (instance and reg-id) is answered with {@code Require: outbound} and the keepalive interval
 * ({@code Flow-Timer}), and its CRLFCRLF pings get the CRLF pong; a newer flow of the same instance and reg-id closes
 * the old connection; a binding whose connection closed is dropped at once.
 */
class OutboundIT {

    private static final String AOR = "sip:olga@127.0.0.1";

    @TempDir
    Path dir;

    private GatewayProcess start(int port) throws Exception {
        return GatewayProcess.start(dir, "auth:\n  required: false\nnat:\n  keepalive-seconds: 25\n", List.of(),
                "--listen", "127.0.0.1:" + port);
    }

    @Test
    void aFlowRegisteredWithOutboundIsConfirmedAndItsPingsAnswered() throws Exception {
        int port = Ports.free();
        try (GatewayProcess gateway = start(port); SipTcpClient client = new SipTcpClient(port)) {
            client.send(register(1, "Supported: outbound, path\r\n", flow("E128")));
            String outbound = client.readUntil("\r\n\r\n");
            client.send(register(2, "", ""));
            String plain = client.readUntil("\r\n\r\n");
            client.send("\r\n\r\n");
            String pong = client.readUntil("\r\n");

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
        try (GatewayProcess gateway = start(port);
             SipTcpClient before = new SipTcpClient(port);
             SipTcpClient after = new SipTcpClient(port)) {
            before.send(register(1, "Supported: outbound\r\n", flow("E129")));
            assertTrue(before.readUntil("\r\n\r\n").startsWith("SIP/2.0 200 OK"));

            after.send(register(2, "Supported: outbound\r\n", flow("E129")));
            String answer = after.readUntil("\r\n\r\n");

            assertTrue(answer.startsWith("SIP/2.0 200 OK"), answer);
            assertEquals(-1, before.read(), "the replaced flow's connection is closed");
            assertEquals(List.of(after.localPort()), receivedPorts(gateway, after.localPort()),
                    "one binding, over the new connection");
            after.send("\r\n\r\n");
            assertEquals("\r\n", after.readUntil("\r\n"), "the new connection stays");
        }
    }

    @Test
    void aBindingWhoseConnectionClosedIsDroppedAtOnce() throws Exception {
        int port = Ports.free();
        try (GatewayProcess gateway = start(port)) {
            try (SipTcpClient client = new SipTcpClient(port)) {
                client.send(register(1, "Supported: outbound\r\n", flow("E130")));
                assertTrue(client.readUntil("\r\n\r\n").startsWith("SIP/2.0 200 OK"));
                assertEquals(1, gateway.awaitBindings(AOR, 1).size());
            }

            assertEquals(List.of(), gateway.awaitBindings(AOR, 0),
                    "dropped when its connection closed, not when it expires (60 s)");
        }
    }

    @Test
    void anInDialogRequestOverADeadFlowGets430() throws Exception {
        int port = Ports.free();
        try (GatewayProcess gateway = start(port); SipTcpClient caller = new SipTcpClient(port)) {
            String okToInvite;
            try (SipTcpClient callee = new SipTcpClient(port)) {
                callee.send(register(1, "Supported: outbound\r\n", flow("E131")));
                assertTrue(callee.readUntil("\r\n\r\n").startsWith("SIP/2.0 200 OK"));
                caller.send(request("INVITE", "sip:olga@127.0.0.1", 1, "", caller.localPort()));
                String invite = callee.readUntil("\r\n\r\n");
                assertTrue(invite.startsWith("INVITE "), invite);
                callee.send(okTo(invite));
                okToInvite = readFinal(caller);
                assertTrue(okToInvite.startsWith("SIP/2.0 200 OK"), okToInvite);
            }
            String routes = "Route: " + String.join(", ", reversed(headerValues(okToInvite, "Record-Route")))
                    + "\r\n";
            Thread.sleep(500);

            caller.send(request("BYE", "sip:olga@192.168.1.31:5060;transport=tcp;ob", 2, routes,
                    caller.localPort()));

            String answer = readFinal(caller);
            assertTrue(answer.startsWith("SIP/2.0 430 Flow Failed"),
                    "the callee's flow is gone: RFC 5626 5.3, not a new connection to the NAT\n" + answer);
        }
    }

    private static String readFinal(SipTcpClient client) throws Exception {
        String message = client.readUntil("\r\n\r\n");
        for (int i = 0; i < 5 && message.startsWith("SIP/2.0 1"); i++) {
            message = client.readUntil("\r\n\r\n");
        }
        return message;
    }

    private static String okTo(String invite) {
        StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : invite.split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')) : "";
            if (List.of("Via", "Record-Route", "From", "Call-ID", "CSeq").contains(name)) {
                ok.append(line).append("\r\n");
            } else if (name.equals("To")) {
                ok.append(line).append(";tag=callee\r\n");
            }
        }
        return ok.append("Contact: <sip:olga@192.168.1.31:5060;transport=tcp;ob>\r\nContent-Length: 0\r\n\r\n")
                .toString();
    }

    private static List<String> headerValues(String message, String name) {
        List<String> values = new ArrayList<>();
        for (String line : message.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                var matcher = Pattern.compile("<[^>]*>[^,]*").matcher(line.substring(name.length() + 1));
                while (matcher.find()) {
                    values.add(matcher.group().trim());
                }
            }
        }
        return values;
    }

    private static List<String> reversed(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        Collections.reverse(copy);
        return copy;
    }

    private static String request(String method, String uri, int cseq, String routes, int localPort) {
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:" + localPort + ";branch=z9hG4bKcaller" + method + cseq + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + routes
                + "From: <sip:carl@127.0.0.1>;tag=carl\r\n"
                + "To: <" + AOR + ">" + (method.equals("INVITE") ? "" : ";tag=callee") + "\r\n"
                + "Call-ID: dead-flow@test\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:carl@127.0.0.1:" + localPort + ";transport=tcp>\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** The bindings' source ports once the store shows {@code expected} (written behind: polled, bounded). */
    private static List<Object> receivedPorts(GatewayProcess gateway, int expected) throws Exception {
        List<Object> ports = List.of();
        for (int i = 0; i < 50 && !ports.contains(expected); i++) {
            Thread.sleep(100);
            ports = gateway.bindings(AOR).stream().map(r -> r.get("received_port")).toList();
        }
        return ports;
    }

    private static String flow(String instanceSuffix) {
        return ";+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0" + instanceSuffix + ">\";reg-id=1";
    }

    private static String register(int cseq, String supported, String flowParameters) {
        return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 192.168.1.31:5060;branch=z9hG4bKoutbound" + cseq + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:olga@127.0.0.1>;tag=1\r\n"
                + "To: <" + AOR + ">\r\n"
                + "Call-ID: outbound-" + cseq + "@test\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + supported
                + "Contact: <sip:olga@192.168.1.31:5060;transport=tcp;ob>" + flowParameters + "\r\n"
                + "Expires: 600\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
