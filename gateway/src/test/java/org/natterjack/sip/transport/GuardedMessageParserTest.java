package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natterjack.sip.transport.Fixtures.octets;
import static org.natterjack.sip.transport.Fixtures.rfc4475;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardedMessageParserTest {

    private final GuardedMessageParser parser = new GuardedMessageParser(new StringMsgParser());

    private static final String OPTIONS = "OPTIONS sip:user@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKguard\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:caller@example.net>;tag=1\r\n"
            + "To: <sip:user@example.com>\r\n"
            + "Call-ID: guard@192.0.2.1\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";

    private SIPRequest request(byte[] octets) throws ParseException {
        return assertInstanceOf(SIPRequest.class, parser.parseSIPMessage(octets, true, false, null));
    }

    /** RFC 4475 3.1.2.16: the RI alone reads SIP/7.0 as SIP/2.0, and the stack never answers 505. */
    @Test
    void aRequestKeepsTheVersionItWasSentWith() throws Exception {
        assertEquals("SIP/7.0", request(rfc4475("badvers")).getRequestLine().getSipVersion());
        assertEquals("SIP/2.0", request(octets(OPTIONS)).getRequestLine().getSipVersion());
    }

    /** The form the RI's TCP reader hands on: lines ending in LF, the empty line in CRLF. */
    @Test
    void theVersionIsKeptInTheStreamReadersFormToo() throws Exception {
        String stream = OPTIONS.replace("SIP/2.0\r\nVia", "SIP/7.0\r\nVia").replace("\r\n", "\n")
                .replaceFirst("\n\n$", "\n\r\n");
        assertEquals("SIP/7.0", request(octets(stream)).getRequestLine().getSipVersion());
    }

    @Test
    void theVersionAtTheEndOfTheRequestLineIsComparedWithoutCase() {
        assertEquals(Optional.empty(), GuardedMessageParser.requestVersion("OPTIONS sip:a@example.com SIP/2.0"));
        assertEquals(Optional.empty(), GuardedMessageParser.requestVersion("OPTIONS sip:a@example.com sip/2.0"));
        assertEquals(Optional.empty(), GuardedMessageParser.requestVersion("OPTIONS sip:a@example.com SIP/2.0  "));
        assertEquals(Optional.of("SIP/7.0"), GuardedMessageParser.requestVersion("OPTIONS sip:a@example.com SIP/7.0"));
        assertEquals(Optional.of("SIP/2.00"), GuardedMessageParser.requestVersion("OPTIONS sip:a@example.com SIP/2.00"));
    }

    /** RFC 4475 3.3.9 (mcl01) and 3.3.8 (multi01): the RI keeps the first of each and says nothing. */
    @Test
    void repeatedFieldsThatIdentifyARequestAreRefused() {
        ParseException mcl01 = assertThrows(ParseException.class,
                () -> parser.parseSIPMessage(rfc4475("mcl01"), true, false, null));
        assertEquals("Repeated content-length header field", mcl01.getMessage());
        ParseException multi01 = assertThrows(ParseException.class,
                () -> parser.parseSIPMessage(rfc4475("multi01"), true, false, null));
        assertTrue(multi01.getMessage().startsWith("Repeated "), multi01.getMessage());
        for (String field : RequestHead.SINGLE) {
            String line = OPTIONS.lines().filter(l -> l.toLowerCase().startsWith(field + ":")).findFirst().orElseThrow();
            String twice = OPTIONS.replace(line + "\r\n", line + "\r\n" + line + "\r\n");
            assertThrows(ParseException.class, () -> parser.parseSIPMessage(octets(twice), true, false, null), field);
        }
    }

    @Test
    void fieldsThatMayRepeatStayAllowed() throws Exception {
        String twoVias = OPTIONS.replace("Max-Forwards", "Via: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bKtwo\r\nMax-Forwards");
        assertEquals(2, request(octets(twoVias)).getViaHeaders().size());
        request(rfc4475("wsinv"));
    }

    /** A response cannot be refused, only dropped: it is left to the RI. */
    @Test
    void responsesAreNotCheckedForRepeatedFields() throws Exception {
        String response = "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKguard\r\n"
                + "From: <sip:caller@example.net>;tag=1\r\n"
                + "To: <sip:user@example.com>;tag=2\r\n"
                + "To: <sip:user@example.com>;tag=2\r\n"
                + "Call-ID: guard@192.0.2.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
        assertInstanceOf(SIPResponse.class, parser.parseSIPMessage(octets(response), true, false, null));
    }

    /** The stack's automatic 400 puts the message into its status line. */
    @Test
    void theRisParseErrorsBecomePrintableText() {
        GuardedMessageParser failing = new GuardedMessageParser((octets, readBody, strict, listener) -> {
            throw new ParseException("[C@494ed34a\nID expected", 7);
        });
        ParseException e = assertThrows(ParseException.class,
                () -> failing.parseSIPMessage(octets(OPTIONS), true, false, null));
        assertEquals("ID expected", e.getMessage());
        assertEquals(7, e.getErrorOffset());
        assertEquals("unparseable", GuardedMessageParser.printable("\r\n\u0000"));
        assertEquals(80, GuardedMessageParser.printable("x".repeat(200)).length());
        assertEquals("Content-Length: -999 :For input string: \"\"",
                GuardedMessageParser.printable("Content-Length: -999\r\n :For input string: \"\""));
    }
}
