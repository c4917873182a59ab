package org.natterjack.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import javax.sip.message.Response;
import gov.nist.javax.sip.parser.StringMsgParser;
import org.junit.jupiter.api.Test;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.sip.transport.SipSocket;

/** The dialog a 2xx establishes, as this proxy sits in a chain of proxies (RFC 3261 12.1). */
class CallDialogTest {

    private static final InetSocketAddress US = new InetSocketAddress("192.0.2.10", 5060);
    private static final SipSocket SOCKET = new SipSocket(Transport.UDP, US, US.getAddress(), null, null);
    private static final Flow CALLER_FLOW = Flow.of(Transport.UDP, US, new InetSocketAddress("203.0.113.1", 40000));
    private static final Flow CALLEE_FLOW = Flow.of(Transport.UDP, US, new InetSocketAddress("203.0.113.2", 41000));

    private static final String INVITE = "INVITE sip:bob@example.org SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: \"Alice\" <sip:alice@example.org>;tag=a1\r\n"
            + "To: <sip:bob@example.org>\r\n"
            + "Call-ID: call-1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:alice@10.0.0.2:5060>\r\n"
            + "Content-Length: 0\r\n\r\n";

    private static Object parse(String text) throws ParseException {
        return new StringMsgParser().parseSIPMessage(text.getBytes(), true, false, null);
    }

    private static Response ok(String recordRoutes, boolean contact) throws ParseException {
        return (Response) parse("SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1\r\n"
                + recordRoutes
                + "From: \"Alice\" <sip:alice@example.org>;tag=a1\r\n"
                + "To: <sip:bob@example.org>;tag=b2\r\n"
                + "Call-ID: call-1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + (contact ? "Contact: <sip:bob@10.0.0.3:5062>\r\n" : "")
                + "Content-Length: 0\r\n\r\n");
    }

    private static CallDialog dialog(Response ok) throws Exception {
        Target callee = new Target(null, Optional.of(CALLEE_FLOW), SOCKET, true, true);
        return CallDialog.of((Request) parse(INVITE), CALLER_FLOW, SOCKET, ok, callee,
                uri -> ((SipURI) uri).getHost().equals("192.0.2.10"));
    }

    private static List<String> hosts(List<Address> route) {
        return route.stream().map(a -> ((SipURI) a.getURI()).getHost()).toList();
    }

    @Test
    void routesBeyondUsAreSplitAtOurRecordRoutesAndOrderedNearestFirst() throws Exception {
        CallDialog d = dialog(ok("Record-Route: <sip:p4.example;lr>, <sip:p3.example;lr>\r\n"
                + "Record-Route: <sip:tok1@192.0.2.10;lr>, <sip:tok2@192.0.2.10;lr>\r\n"
                + "Record-Route: <sip:p2.example;lr>, <sip:p1.example;lr>\r\n", true));

        assertEquals(List.of("p3.example", "p4.example"), hosts(d.callee().route()), "towards the callee");
        assertEquals(List.of("p2.example", "p1.example"), hosts(d.caller().route()), "towards the caller");
    }

    @Test
    void eachPartyKeepsItsTagContactAndFlow() throws Exception {
        CallDialog d = dialog(ok("Record-Route: <sip:tok1@192.0.2.10;lr>, <sip:tok2@192.0.2.10;lr>\r\n", true));

        assertEquals("call-1", d.callId());
        assertEquals("a1", d.caller().tag());
        assertEquals("b2", d.callee().tag());
        assertEquals("sip:alice@10.0.0.2:5060", d.caller().contact().toString());
        assertEquals("sip:bob@10.0.0.3:5062", d.callee().contact().toString());
        assertEquals(Optional.of(CALLER_FLOW), d.caller().flow());
        assertEquals(Optional.of(CALLEE_FLOW), d.callee().flow());
        assertEquals(List.of(), d.caller().route());
        assertEquals(InetAddress.getByName("192.0.2.10"), d.caller().socket().advertised());
    }

    @Test
    void withoutOurRecordRouteTheOthersCannotBePlaced() throws Exception {
        CallDialog d = dialog(ok("Record-Route: <sip:p3.example;lr>\r\n", true));

        assertEquals(List.of(), d.callee().route());
        assertEquals(List.of(), d.caller().route());
    }

    @Test
    void anAnswerWithoutContactCannotBeEndedByUs() {
        assertThrows(IllegalArgumentException.class, () -> dialog(ok("", false)));
    }
}
