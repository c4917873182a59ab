package org.natterjack.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.function.Predicate;
import javax.sip.SipFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StatelessRelayTest {

    private static final String OURS = "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKnj0123456789abcdef.1\r\n";
    private static final Predicate<ViaHeader> OUR_SENT_BY =
            via -> via.getHost().equals("192.0.2.10") && via.getPort() == 5060;

    private static MessageFactory messages;

    @BeforeAll
    static void factory() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        messages = factory.createMessageFactory();
    }

    private static Response ok(String vias) throws Exception {
        return messages.createResponse("SIP/2.0 200 OK\r\n" + vias
                + "From: <sip:caller@example.net>;tag=1\r\n"
                + "To: <sip:user@example.com>;tag=2\r\n"
                + "Call-ID: relay@192.0.2.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    private static List<String> vias(Response response) {
        List<String> hosts = new ArrayList<>();
        for (ListIterator<?> it = response.getHeaders(ViaHeader.NAME); it.hasNext(); ) {
            hosts.add(((ViaHeader) it.next()).getHost());
        }
        return hosts;
    }

    @Test
    void aRetransmitted2xxGoesOnWithoutOurVia() throws Exception {
        Response upstream = StatelessRelay.upstream(ok(OURS + "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKa\r\n"),
                OUR_SENT_BY).orElseThrow();
        assertEquals(List.of("198.51.100.7"), vias(upstream));
    }

    /** RFC 4475 3.3.10 as printed: its top Via is not ours, so it is discarded (RFC 3261 18.1.2). */
    @Test
    void aResponseWhoseTopViaIsNotOursIsDropped() throws Exception {
        String bcast;
        try (InputStream in = StatelessRelayTest.class.getResourceAsStream("/rfc4475/bcast.sip")) {
            bcast = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(StatelessRelay.upstream(messages.createResponse(bcast), OUR_SENT_BY).isEmpty());
    }

    /** The same with our own Via forged on top: still never sent to a broadcast or multicast address. */
    @Test
    void noResponseGoesToABroadcastOrMulticastAddress() throws Exception {
        for (String next : List.of("Via: SIP/2.0/UDP 255.255.255.255;branch=z9hG4bK1saber23\r\n",
                "Via: SIP/2.0/UDP 224.0.1.75;branch=z9hG4bKm\r\n",
                "Via: SIP/2.0/UDP [ff02::1];branch=z9hG4bKm6\r\n",
                "Via: SIP/2.0/UDP 198.51.100.7;received=255.255.255.255;branch=z9hG4bKr\r\n")) {
            assertTrue(StatelessRelay.upstream(ok(OURS + next), OUR_SENT_BY).isEmpty(), next);
        }
    }

    @Test
    void aResponseWithOnlyOurViaEndsHere() throws Exception {
        assertTrue(StatelessRelay.upstream(ok(OURS), OUR_SENT_BY).isEmpty());
    }
}
