package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natterjack.sip.transport.Fixtures.octets;
import static org.natterjack.sip.transport.Fixtures.rfc4475;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The one-pass scan agrees with {@link RawHeaders}, which builds every field, on what the parser guard needs. */
class RequestHeadTest {

    static Stream<String> torture() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/rfc4475"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sip"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("torture")
    void agreesWithTheFullReadOnEveryTortureMessage(String tag) {
        byte[] octets = rfc4475(tag);
        Optional<RawHeaders> raw = RawHeaders.read(octets, 0, octets.length)
                .filter(r -> !r.startLine().regionMatches(true, 0, "SIP/", 0, 4));
        Optional<RequestHead> head = RequestHead.scan(octets);

        assertEquals(raw.map(RawHeaders::startLine), head.map(RequestHead::startLine), tag);
        List<String> repeatedInRaw = RequestHead.SINGLE.stream()
                .filter(name -> raw.isPresent() && raw.get().all(name).size() > 1).toList();
        assertEquals(repeatedInRaw.isEmpty(), head.flatMap(RequestHead::repeated).isEmpty(), tag);
        head.flatMap(RequestHead::repeated).ifPresent(name -> assertTrue(repeatedInRaw.contains(name), tag));
    }

    @Test
    void compactFormsWhitespaceBeforeTheColonAndCaseCountAsTheSameField() {
        byte[] message = octets("INVITE sip:b@example.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
                + "CALL-ID : one@x\r\n"
                + "Subject: folded\r\n  i: not a field, a continuation\r\n"
                + "i:two@x\r\n"
                + "\r\n");

        assertEquals(Optional.of("call-id"), RequestHead.scan(message).orElseThrow().repeated());
    }

    @Test
    void aContinuationLineDoesNotCountAsAField() {
        byte[] message = octets("OPTIONS sip:b@example.test SIP/2.0\r\n"
                + "To: <sip:b@example.test>\r\n"
                + "Subject: x\r\n\tTo: folded into the subject\r\n"
                + "\r\n");

        assertEquals(Optional.empty(), RequestHead.scan(message).orElseThrow().repeated());
    }

    @Test
    void responsesAndUnfinishedHeadersAreNotScanned() {
        assertTrue(RequestHead.scan(octets("SIP/2.0 200 OK\r\nTo: a\r\nTo: b\r\n\r\n")).isEmpty());
        assertTrue(RequestHead.scan(octets("INVITE sip:b@x SIP/2.0\r\nTo: a\r\nTo: b\r\n")).isEmpty());
        assertTrue(RequestHead.scan(octets("INVITE sip:b@x SIP/2.0")).isEmpty());
    }

    @Test
    void leadingLineEndsAndBareLineFeedsAreRead() {
        RequestHead head = RequestHead.scan(octets("\r\n\r\nBYE sip:b@x SIP/2.0\nCSeq: 1 BYE\nCSeq: 2 BYE\n\n"))
                .orElseThrow();

        assertEquals("BYE sip:b@x SIP/2.0", head.startLine());
        assertEquals(Optional.of("cseq"), head.repeated());
    }
}
