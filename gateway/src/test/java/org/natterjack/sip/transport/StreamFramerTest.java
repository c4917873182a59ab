package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natterjack.sip.transport.Fixtures.octets;
import static org.natterjack.sip.transport.Fixtures.rfc4475;
import static org.natterjack.sip.transport.Fixtures.text;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.natterjack.sip.transport.StreamFramer.Frame;

class StreamFramerTest {

    private static final int MAX = 65535;

    private static final String OPTIONS = "OPTIONS sip:user@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bKframe\r\n"
            + "Call-ID: frame@192.0.2.1\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";

    private static byte[] only(List<Frame> frames) {
        assertEquals(1, frames.size(), frames.toString());
        return assertInstanceOf(Frame.Message.class, frames.get(0)).octets();
    }

    private static byte[] body(byte[] message, int length) {
        return Arrays.copyOfRange(message, message.length - length, message.length);
    }

    /** RFC 4475 3.1.1.1: the RI's reader took ": 150" for the number and closed the connection. */
    @Test
    void lwsBeforeTheColonOfContentLengthIsWrittenAway() {
        byte[] wsinv = rfc4475("wsinv");
        byte[] framed = only(new StreamFramer(MAX).push(wsinv));
        String expected = text(wsinv).replace("Content-Length   : 150\r\n", "Content-Length: 150\r\n");
        assertEquals(expected, text(framed));
    }

    /** RFC 4475 3.1.1.3: a compact Call-ID, which the RI's reader misses and closes the connection on. */
    @Test
    void aCompactCallIdIsWrittenLong() {
        byte[] esc01 = rfc4475("esc01");
        String framed = text(only(new StreamFramer(MAX).push(esc01)));
        assertEquals(text(esc01).replace("i: esc01.239409asdfakjkn23onasd0-3234\r\n",
                "Call-ID: esc01.239409asdfakjkn23onasd0-3234\r\n"), framed);
    }

    /** RFC 4475 3.1.1.7: the RI's reader missed "l: 150" and took the body for the next message. */
    @Test
    void aCompactContentLengthFramesTheBody() {
        byte[] longreq = rfc4475("longreq");
        StreamFramer framer = new StreamFramer(MAX);
        byte[] framed = only(framer.push(longreq));
        assertTrue(text(framed).contains("\r\nContent-Length: 150\r\n"));
        assertArrayEquals(body(longreq, 150), body(framed, 150));
        assertEquals(1, framer.push(octets(OPTIONS)).size(), "the next message starts right after the body");
    }

    /** RFC 4475 3.1.1.11: the binary part holds NUL, CR and LF octets; only Content-Length frames it. */
    @Test
    void aBinaryBodyArrivingOctetByOctetIsFramedWhole() {
        byte[] mpart01 = rfc4475("mpart01");
        StreamFramer framer = new StreamFramer(MAX);
        List<Frame> frames = new ArrayList<>();
        for (byte b : mpart01) {
            frames.addAll(framer.push(new byte[] {b}));
        }
        assertArrayEquals(mpart01, only(frames));
    }

    @Test
    void keepalivesBetweenMessagesArePassedOnAsTheyCame() {
        byte[] stream = octets(OPTIONS + "\r\n\r\n" + OPTIONS);
        List<Frame> frames = new StreamFramer(MAX).push(stream);
        assertEquals(3, frames.size(), frames.toString());
        assertArrayEquals(octets(OPTIONS), assertInstanceOf(Frame.Message.class, frames.get(0)).octets());
        assertArrayEquals(octets("\r\n\r\n"), assertInstanceOf(Frame.Between.class, frames.get(1)).octets());
        assertArrayEquals(octets(OPTIONS), assertInstanceOf(Frame.Message.class, frames.get(2)).octets());
    }

    /** The RI's reader would keep the previous message's length for a message without Content-Length. */
    @Test
    void aMissingContentLengthIsWrittenAsZero() {
        String without = OPTIONS.replace("Content-Length: 0\r\n", "");
        assertEquals(OPTIONS, text(only(new StreamFramer(MAX).push(octets(without)))));
    }

    /** RFC 4475 3.1.2.2: more body announced than sent. Nothing can be done but wait. */
    @Test
    void aMessageWaitsForItsWholeBody() {
        StreamFramer framer = new StreamFramer(MAX);
        assertEquals(List.of(), framer.push(rfc4475("clerr")));
        assertEquals(List.of(), framer.push(octets(OPTIONS)), "the next message is taken for body");
    }

    /** RFC 4475 3.1.2.3 and 3.3.9: no way to know where the message ends; the connection must close. */
    @Test
    void aContentLengthThatIsNoLengthOrAppearsTwiceBreaksTheStream() {
        for (String tag : List.of("ncl", "mcl01")) {
            StreamFramer framer = new StreamFramer(MAX);
            List<Frame> frames = framer.push(rfc4475(tag));
            Frame.Broken broken = assertInstanceOf(Frame.Broken.class, frames.get(frames.size() - 1), tag);
            assertTrue(broken.request().orElseThrow().startsWith(tag.equals("ncl") ? "INVITE " : "OPTIONS "), tag);
            assertEquals(List.of(), framer.push(octets(OPTIONS)), tag + ": nothing after the break");
        }
        String five = OPTIONS.replace("Content-Length: 0", "Content-Length: five");
        assertInstanceOf(Frame.Broken.class, new StreamFramer(MAX).push(octets(five)).get(0));
    }

    @Test
    void moreThanTheLimitBreaksTheStreamWithoutAnAnswer() {
        String huge = OPTIONS.replace("Content-Length: 0", "Content-Length: 70000");
        Frame.Broken body = assertInstanceOf(Frame.Broken.class, new StreamFramer(MAX).push(octets(huge)).get(0));
        assertTrue(body.request().isEmpty());
        byte[] endless = octets("OPTIONS sip:user@example.com SIP/2.0\r\nX: " + "x".repeat(MAX) + "\r\n");
        Frame.Broken header = assertInstanceOf(Frame.Broken.class, new StreamFramer(MAX).push(endless).get(0));
        assertTrue(header.request().isEmpty());
    }

    /** RFC 4475 3.3.1: without Call-ID the RI's reader would close the connection; the stream is fine. */
    @Test
    void aMessageWithoutCallIdIsDroppedAndTheStreamGoesOn() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(rfc4475("insuf"));
        stream.writeBytes(octets(OPTIONS));
        List<Frame> frames = new StreamFramer(MAX).push(stream.toByteArray());
        assertEquals(2, frames.size(), frames.toString());
        assertInstanceOf(Frame.Dropped.class, frames.get(0));
        assertArrayEquals(octets(OPTIONS), assertInstanceOf(Frame.Message.class, frames.get(1)).octets());
    }
}
