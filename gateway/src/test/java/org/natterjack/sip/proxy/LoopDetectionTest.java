package org.natterjack.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.Set;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class LoopDetectionTest {

    private final LoopDetection loops = new LoopDetection(Set.of("192.0.2.10:5060", "[2001:db8::10]:5060"));

    private static Request invite(String requestUri, String topVia, String extra) throws ParseException {
        String text = "INVITE " + requestUri + " SIP/2.0\r\n"
                + (topVia == null ? "" : "Via: " + topVia + "\r\n")
                + "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds\r\n"
                + "Max-Forwards: 69\r\n"
                + "To: <sip:bob@example.org>\r\n"
                + "From: <sip:alice@example.org>;tag=1928301774\r\n"
                + "Call-ID: a84b4c76e66710@pc33.example.org\r\n"
                + "CSeq: 314159 INVITE\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
        return (Request) new StringMsgParser().parseSIPMessage(text.getBytes(), true, false, null);
    }

    @Test
    void aRequestThatComesBackUnchangedIsALoop() throws ParseException {
        Request first = invite("sip:bob@example.org", null, "");
        String branch = loops.branch(first);
        Request back = invite("sip:bob@example.org", "SIP/2.0/UDP 192.0.2.10:5060;rport;branch=" + branch, "");

        assertTrue(loops.isLoop(back));
    }

    @Test
    void aRequestThatComesBackWithAnotherRequestUriIsASpiral() throws ParseException {
        String branch = loops.branch(invite("sip:bob@example.org", null, ""));
        Request changed = invite("sip:carol@example.org", "SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch, "");

        assertFalse(loops.isLoop(changed));
    }

    @Test
    void aChangedRouteSetIsASpiral() throws ParseException {
        String branch = loops.branch(invite("sip:bob@example.org", null, ""));
        Request rerouted = invite("sip:bob@example.org", "SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch,
                "Route: <sip:203.0.113.9;lr>\r\n");

        assertFalse(loops.isLoop(rerouted));
    }

    @Test
    void theSameBranchFromAnotherProxyIsNoLoop() throws ParseException {
        Request first = invite("sip:bob@example.org", null, "");
        String branch = loops.branch(first);
        Request viaOther = invite("sip:bob@example.org", "SIP/2.0/UDP 192.0.2.99:5060;branch=" + branch, "");

        assertFalse(loops.isLoop(viaOther));
        assertFalse(loops.isLoop(first));
    }

    @Test
    void ourIpv6SentByIsRecognised() throws ParseException {
        Request first = invite("sip:bob@example.org", null, "");
        Request back = invite("sip:bob@example.org", "SIP/2.0/TCP [2001:db8::10]:5060;branch=" + loops.branch(first), "");

        assertTrue(loops.isLoop(back));
    }

    @Test
    void branchesAreUniqueAndCarryTheMagicCookie() throws ParseException {
        Request request = invite("sip:bob@example.org", null, "");
        String a = loops.branch(request);
        String b = loops.branch(request);

        assertNotEquals(a, b);
        assertTrue(a.startsWith("z9hG4bK"));
    }
}
