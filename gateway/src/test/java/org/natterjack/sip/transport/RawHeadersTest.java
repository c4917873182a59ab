package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natterjack.sip.transport.Fixtures.octets;
import static org.natterjack.sip.transport.Fixtures.rfc4475;
import static org.natterjack.sip.transport.Fixtures.text;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawHeadersTest {

    /** RFC 4475 3.1.1.1: LWS before colons, folding, compact and long names mixed. */
    @Test
    void readsTheFieldsOfWsinvAsTheOctetsShowThem() {
        byte[] wsinv = rfc4475("wsinv");
        RawHeaders headers = RawHeaders.read(wsinv, 0, wsinv.length).orElseThrow();
        assertEquals("INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0", headers.startLine());
        assertEquals("150", headers.all("content-length").get(0).value());
        assertEquals("wsinv.ndaksdj@192.0.2.1", headers.all("call-id").get(0).value());
        assertEquals(List.of("SIP  /   2.0 /UDP 192.0.2.2;branch=390skdjuw",
                        "SIP  / 2.0  / TCP     spindle.example.com   ; branch  =   z9hG4bK9ikj8  ,"
                                + " SIP  /    2.0   / UDP  192.168.255.111   ; branch= z9hG4bK30239"),
                headers.all("via").stream().map(RawHeaders.Field::value).toList());
        assertEquals(150, wsinv.length - headers.end(), "the body starts after the empty line");
    }

    @Test
    void compactFormsAreMappedToTheLongNames() {
        byte[] longreq = rfc4475("longreq");
        assertEquals("150", RawHeaders.read(longreq, 0, longreq.length).orElseThrow()
                .all("content-length").get(0).value());
        byte[] esc01 = rfc4475("esc01");
        assertEquals("esc01.239409asdfakjkn23onasd0-3234", RawHeaders.read(esc01, 0, esc01.length).orElseThrow()
                .all("call-id").get(0).value());
    }

    @Test
    void aFieldSpansItsFoldedLinesInTheOctets() {
        byte[] message = octets("OPTIONS sip:a@example.com SIP/2.0\r\nSubject: one\r\n two\r\nCall-ID: c\r\n\r\n");
        RawHeaders.Field subject = RawHeaders.read(message, 0, message.length).orElseThrow().all("subject").get(0);
        assertEquals("one two", subject.value());
        assertEquals("Subject: one\r\n two\r\n", text(Arrays.copyOfRange(message, subject.start(), subject.end())));
    }

    /** The RI's stream reader hands its parser lines ending in LF alone, and a CRLF for the empty line. */
    @Test
    void linesMayEndInLfAlone() {
        byte[] message = octets("OPTIONS sip:a@example.com SIP/7.0\nCall-ID: c\nl: 0\n\r\n");
        RawHeaders headers = RawHeaders.read(message, 0, message.length).orElseThrow();
        assertEquals("OPTIONS sip:a@example.com SIP/7.0", headers.startLine());
        assertEquals("0", headers.all("content-length").get(0).value());
        assertEquals(message.length, headers.end());
    }

    @Test
    void crlfBeforeTheStartLineIsSkipped() {
        byte[] message = octets("\r\n\r\nOPTIONS sip:a@example.com SIP/2.0\r\nCall-ID: c\r\n\r\n");
        assertEquals("OPTIONS sip:a@example.com SIP/2.0",
                RawHeaders.read(message, 0, message.length).orElseThrow().startLine());
    }

    @Test
    void nothingUntilTheEmptyLineHasCome() {
        byte[] message = octets("OPTIONS sip:a@example.com SIP/2.0\r\nCall-ID: c\r\nContent-Length: 0\r\n");
        assertTrue(RawHeaders.read(message, 0, message.length).isEmpty());
        assertTrue(RawHeaders.read(message, 0, 10).isEmpty());
    }
}
