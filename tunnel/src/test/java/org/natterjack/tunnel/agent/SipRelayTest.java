package org.natterjack.tunnel.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's stateless proxy, between a recorded application and a recorded tunnel. */
class SipRelayTest {

    private static final InetSocketAddress LISTEN = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 5070);

    private final List<String> toTunnel = new ArrayList<>();
    private final List<String> toApplication = new ArrayList<>();
    private final SipRelay relay = new SipRelay(LISTEN, DeviceInstance.ofMac("52:54:00:12:34:56"),
            new SipRelay.SdpRewrites() {
                @Override
                public byte[] fromGateway(String callId, byte[] body) {
                    return body;
                }

                @Override
                public byte[] fromApplication(String callId, byte[] body) {
                    return body;
                }
            }, new ReRegistrar("alice", "pw", m -> { }), m -> toTunnel.add(text(m)), new Applications() {
                @Override
                public void send(InetSocketAddress target, boolean overTcp, byte[] message) {
                    toApplication.add(target + (overTcp ? " tcp " : " udp ") + text(message));
                }

                @Override
                public void bindContact(InetSocketAddress contact, InetSocketAddress source) {
                }
            });

    private static String text(byte[] message) {
        return new String(message, StandardCharsets.UTF_8);
    }

    private static byte[] request(String method, String contact) {
        return (method + " sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.168.1.20:5070;branch=z9hG4bKphone1;rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:" + (method.equals("REGISTER") ? "alice" : "bob") + "@example.com>\r\n"
                + "Call-ID: call-1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: " + contact + "\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRequestFromTheApplicationGetsTheAgentsViaAndOb() {
        relay.fromApplication(request("INVITE", "<sip:alice@192.168.1.20:5070>"), PHONE, false);

        String sent = toTunnel.get(0);
        assertTrue(sent.contains("Via: SIP/2.0/TCP agent.invalid;branch=z9hG4bK-nja-"), sent);
        assertTrue(sent.contains("received=127.0.0.1") && sent.contains("rport=5070"), "where the phone really is: "
                + sent);
        assertTrue(sent.contains("<sip:alice@192.168.1.20:5070;ob>"), sent);
    }

    @Test
    void aRegisterGetsTheDevicesInstanceAndOutbound() {
        relay.fromApplication(request("REGISTER", "<sip:alice@192.168.1.20:5070>"), PHONE, false);

        String sent = toTunnel.get(0);
        assertTrue(sent.contains("+sip.instance=\"<urn:uuid:") && sent.contains("reg-id=1"), sent);
        assertTrue(sent.contains("Supported: outbound"), sent);
        assertFalse(sent.contains(";ob>"), "ob goes in dialog-forming requests (RFC 5626 4.3), not REGISTER");
    }

    @Test
    void theResponseGoesBackToThePhoneWithoutTheAgentsVia() {
        relay.fromApplication(request("INVITE", "<sip:alice@192.168.1.20:5070>"), PHONE, false);
        String sent = toTunnel.get(0);
        String vias = sent.substring(sent.indexOf("Via:"), sent.indexOf("Max-Forwards"));

        relay.fromTunnel(("SIP/2.0 180 Ringing\r\n" + vias + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:bob@example.com>;tag=b1\r\nCall-ID: call-1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));

        String back = toApplication.get(0);
        assertTrue(back.startsWith("/127.0.0.1:5070 udp SIP/2.0 180 Ringing"), back);
        assertFalse(back.contains("agent.invalid"), back);
    }

    @Test
    void aRequestFromTheGatewayGoesToTheContactWithTheAgentsVia() {
        relay.fromTunnel(("BYE sip:alice@127.0.0.1:5070;transport=tcp SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bKgw1\r\nMax-Forwards: 69\r\n"
                + "From: <sip:bob@example.com>;tag=b1\r\nTo: <sip:alice@example.com>;tag=a1\r\n"
                + "Call-ID: call-1\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));

        String out = toApplication.get(0);
        assertTrue(out.startsWith("/127.0.0.1:5070 tcp BYE "), out);
        assertTrue(out.contains("Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-nja-"), out);
    }

    @Test
    void garbageIsDroppedQuietly() {
        relay.fromApplication("not sip at all\r\n\r\n".getBytes(StandardCharsets.UTF_8), PHONE, false);
        relay.fromTunnel("\r\n\r\n".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(), toTunnel);
        assertEquals(List.of(), toApplication);
    }
}
