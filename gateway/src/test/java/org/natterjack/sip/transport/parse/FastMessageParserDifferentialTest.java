package org.natterjack.sip.transport.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.ParserFactory;
import gov.nist.javax.sip.parser.RequestLineParser;
import gov.nist.javax.sip.parser.StatusLineParser;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast parser against the RI's own, on every message of the corpus and on thousands of generated
 * variations of their fields: both throw or neither, the same listener calls, the same {@code encode()}
 * of the message and of each header, and field-for-field the same header objects. A difference is
 * fixed by handing that shape back to the RI, never by loosening this test.
 */
class FastMessageParserDifferentialTest {

    private static final long SEED = 14L;
    private static final int MUTATIONS_PER_FIELD = 40;
    private static final Set<String> FAST_NAMES = Set.of("via", "v", "from", "f", "to", "t", "call-id", "i", "cseq",
            "max-forwards", "content-length", "l", "contact", "m", "route", "record-route", "authorization",
            "proxy-authorization", "www-authenticate", "proxy-authenticate");

    private final StringMsgParser ri = new StringMsgParser();
    private final FastMessageParser fast = new FastMessageParser();

    private static List<Corpus.Message> corpus() {
        return Stream.of(Corpus.rfc4475(), Corpus.sipp(), Corpus.gatewaySent()).flatMap(List::stream).toList();
    }

    @Test
    void theCorpusIsThere() {
        assertTrue(Corpus.rfc4475().size() >= 49, "RFC 4475 messages");
        assertTrue(Corpus.sipp().size() >= 100, "sipp messages: " + Corpus.sipp().size());
    }

    @Test
    void everyCorpusMessageParsesAlike() {
        List<String> differences = new ArrayList<>();
        for (Corpus.Message m : corpus()) {
            compareMessage(m.label(), m.octets(), differences);
        }
        assertNoDifferences(differences);
    }

    /** Header level: wherever the fast reader answers, the RI's parser gives the same object. */
    @Test
    void everyVariationOfEveryFieldReadsAsTheRiReadsIt() {
        List<String> differences = new ArrayList<>();
        int read = readFastOfVariations(new Mutations(SEED), seedFields(), MUTATIONS_PER_FIELD, "fields",
                this::compareField, differences);
        assertNoDifferences(differences);
        assertTrue(read > 10_000, "the fast readers took part: " + read);
    }

    /**
     * Compares each seed, its truncations and {@code perSeed} mutations of it with {@code compare}, which says
     * whether the fast reader answered; returns how many it answered.
     */
    private static int readFastOfVariations(Mutations mutations, Collection<String> seeds, int perSeed, String what,
                                            BiPredicate<String, List<String>> compare, List<String> differences) {
        int read = 0;
        int handedBack = 0;
        for (String seed : seeds) {
            List<String> variants = new ArrayList<>(mutations.of(seed, perSeed));
            variants.addAll(Mutations.truncations(seed));
            variants.add(seed);
            for (String variant : variants) {
                if (compare.test(variant, differences)) {
                    read++;
                } else {
                    handedBack++;
                }
            }
        }
        System.out.printf("differential, %s: %d read fast, %d handed back to the RI%n", what, read, handedBack);
        return read;
    }

    /** Message level: the variations inside a message, through the whole parse with and without a listener. */
    @Test
    void variationsInsideAMessageParseAlike() {
        Mutations mutations = new Mutations(SEED + 1);
        String base = Corpus.gatewaySent().get(0).text();
        int afterFirstLine = base.indexOf("\r\n") + 2;
        List<String> differences = new ArrayList<>();
        int messages = 0;
        for (String field : seedFields()) {
            for (String variant : mutations.of(field, 8)) {
                String message = base.substring(0, afterFirstLine) + variant + "\r\n" + base.substring(afterFirstLine);
                compareMessage("variant " + variant, message.getBytes(StandardCharsets.UTF_8), differences);
                messages++;
            }
        }
        System.out.printf("differential, messages with variations: %d%n", messages);
        assertNoDifferences(differences);
    }

    /** Request and status lines: wherever the fast reader answers, the RI's line parser gives the same object. */
    @Test
    void everyVariationOfEveryFirstLineReadsAsTheRiReadsIt() {
        List<String> differences = new ArrayList<>();
        int read = readFastOfVariations(new Mutations(SEED + 2), seedFirstLines(), 3 * MUTATIONS_PER_FIELD,
                "first lines", this::compareFirstLine, differences);
        assertNoDifferences(differences);
        assertTrue(read > 1_000, "the fast first-line reader took part: " + read);
    }

    /** The first-line variations at the head of a message: the same message, or the same listener calls. */
    @Test
    void firstLineVariationsParseAlike() {
        Mutations mutations = new Mutations(SEED + 3);
        String base = Corpus.gatewaySent().get(0).text();
        String rest = base.substring(base.indexOf("\r\n"));
        List<String> differences = new ArrayList<>();
        int messages = 0;
        for (String line : seedFirstLines()) {
            for (String variant : mutations.of(line, 8)) {
                compareMessage("first line " + variant, (variant + rest).getBytes(StandardCharsets.UTF_8), differences);
                messages++;
            }
        }
        System.out.printf("differential, messages with first-line variations: %d%n", messages);
        assertNoDifferences(differences);
    }

    /** The bench's and the gateway's own fields never need the RI's parser: else the fast path does nothing. */
    @Test
    void theFieldsOfEveryCallAreReadFast() {
        List<String> missed = new ArrayList<>();
        for (Corpus.Message m : Stream.concat(Corpus.sipp().stream(), Corpus.gatewaySent().stream()).toList()) {
            String firstLine = m.text().substring(0, m.text().indexOf("\r\n"));
            if (FirstLineReader.read(firstLine) == null) {
                missed.add(m.label() + ": " + firstLine);
            }
            for (String field : fields(m.text())) {
                boolean ours = FAST_NAMES.contains(field.substring(0, Math.max(0, field.indexOf(':'))).strip().toLowerCase());
                if (ours && FastMessageParser.read(field) == null) {
                    missed.add(m.label() + ": " + field);
                }
            }
        }
        assertEquals(List.of(), missed);
    }

    private boolean compareField(String field, List<String> differences) {
        SIPHeader ours = FastMessageParser.read(field);
        if (ours == null) {
            return false;
        }
        SIPHeader theirs;
        try {
            theirs = ParserFactory.createParser(field + "\n").parse();
        } catch (Exception e) {
            differences.add("[" + field + "] read fast, the RI refuses it: " + e);
            return true;
        }
        compareHeaders("[" + field + "]", theirs, ours, differences);
        return true;
    }

    private void compareMessage(String label, byte[] octets, List<String> differences) {
        for (boolean withListener : new boolean[] {true, false}) {
            ParseOutcome theirs = ParseOutcome.of(ri, octets, withListener);
            ParseOutcome ours = ParseOutcome.of(fast, octets, withListener);
            String where = label + (withListener ? "" : " (no listener)");
            if (!String.valueOf(theirs.thrown()).equals(String.valueOf(ours.thrown()))) {
                differences.add(where + ": thrown " + theirs.thrown() + " / " + ours.thrown());
            }
            if (!theirs.listenerCalls().equals(ours.listenerCalls())) {
                differences.add(where + ": listener " + theirs.listenerCalls() + " / " + ours.listenerCalls());
            }
            if ((theirs.message() == null) != (ours.message() == null)) {
                differences.add(where + ": message " + theirs.message() + " / " + ours.message());
            } else if (theirs.message() != null) {
                compareMessages(where, theirs.message(), ours.message(), differences);
            }
        }
    }

    private void compareMessages(String where, SIPMessage theirs, SIPMessage ours, List<String> differences) {
        if (!theirs.encode().equals(ours.encode())) {
            differences.add(where + ": encode\n" + theirs.encode() + "---\n" + ours.encode());
            return;
        }
        Iterator<SIPHeader> a = theirs.getHeaders();
        Iterator<SIPHeader> b = ours.getHeaders();
        while (a.hasNext() && b.hasNext()) {
            compareHeaders(where, a.next(), b.next(), differences);
        }
        if (a.hasNext() || b.hasNext()) {
            differences.add(where + ": header count");
        }
        SameObjects.difference(theirs, ours).ifPresent(d -> differences.add(where + ": " + d));
    }

    private static void compareHeaders(String where, SIPHeader theirs, SIPHeader ours, List<String> differences) {
        if (theirs.getClass() != ours.getClass()) {
            differences.add(where + ": class " + theirs.getClass().getSimpleName() + " / "
                    + ours.getClass().getSimpleName());
        } else if (!theirs.encode().equals(ours.encode())) {
            differences.add(where + ": encode " + theirs.encode().strip() + " / " + ours.encode().strip());
        } else {
            Optional<String> d = SameObjects.difference(theirs, ours);
            d.ifPresent(s -> differences.add(where + ": " + s));
        }
    }

    private boolean compareFirstLine(String line, List<String> differences) {
        SIPMessage ours = FirstLineReader.read(line);
        if (ours == null) {
            return false;
        }
        Object theirs;
        try {
            theirs = line.startsWith("SIP/2.0") ? new StatusLineParser(line + "\n").parse()
                    : new RequestLineParser(line + "\n").parse();
        } catch (Exception e) {
            differences.add("[" + line + "] read fast, the RI refuses it: " + e);
            return true;
        }
        Object oursLine = ours instanceof SIPRequest r ? r.getRequestLine() : ((SIPResponse) ours).getStatusLine();
        SameObjects.difference(theirs, oursLine).ifPresent(d -> differences.add("[" + line + "]: " + d));
        String theirsText = theirs instanceof RequestLine r ? r.encode() : ((StatusLine) theirs).encode();
        String oursText = oursLine instanceof RequestLine r ? r.encode() : ((StatusLine) oursLine).encode();
        if (!theirsText.equals(oursText)) {
            differences.add("[" + line + "]: encode " + theirsText.strip() + " / " + oursText.strip());
        }
        return true;
    }

    /** The first line of every corpus message, and odd methods, URIs, versions, codes and reasons. */
    private static Set<String> seedFirstLines() {
        Set<String> lines = new LinkedHashSet<>();
        for (Corpus.Message m : corpus()) {
            String text = m.text();
            int end = text.indexOf("\r\n");
            lines.add((end < 0 ? text : text.substring(0, end)).strip());
        }
        lines.addAll(List.of(
                "INVITE sip:bob@10.11.12.15:5060;transport=udp SIP/2.0", "invite sip:bob@example.com SIP/2.0",
                "FOO-bar.1 sips:alice:pw@[2001:db8::1]:5061;lr;maddr=192.0.2.1 SIP/2.0",
                "REGISTER sip:example.com SIP/2.0", "OPTIONS sip:%61lice@host;user=phone SIP/2.0",
                "INVITE tel:+4930123 SIP/2.0", "INVITE sip:bob@host?subject=x SIP/2.0", "SIP sip:a@b SIP/2.0",
                "INVITE sip:a@b SIP/3.0", "INVITE sip:a@b sip/2.0", "INVITE  sip:a@b  SIP/2.0", "INVITE\tsip:a@b SIP/2.0",
                "INVITE sip:2001:db8::1 SIP/2.0", "ACK sip:a@b:99999 SIP/2.0", "BYE <sip:a@b> SIP/2.0",
                "SIP/2.0 200 OK", "SIP/2.0 180 Ringing", "SIP/2.0 401 Unauthorized", "SIP/2.0 407 Proxy Authentication Required",
                "SIP/2.0 100", "SIP/2.0 999 Odd \"reason\" ;,", "SIP/2.0 20 Short", "SIP/2.0 2000 Long",
                "SIP/2.0 200OK", "SIP/2.0  200 Two spaces", "SIP/2.0\t200 Tab", "SIP/2.01 200 OK", "SIP/2.0 abc",
                "SIP/2.0 99999999999 Overflow", "sip/2.0 200 OK", "SIP/2.0 603 Decline \t x"));
        return lines;
    }

    /** The header fields of every corpus message, unfolded as the RI unfolds them, each once. */
    private static Set<String> seedFields() {
        Set<String> fields = new LinkedHashSet<>();
        for (Corpus.Message m : corpus()) {
            fields.addAll(fields(m.text()));
        }
        fields.addAll(List.of(
                "Via: SIP/2.0/UDP [2001:db8::7]:5062;received=2001:db8::7;rport;branch=z9hG4bK-x;maddr=[2001:db8::1];ttl=1",
                "Via: SIP/2.0/TLS host.example.com ; branch = z9hG4bK-y , SIP/2.0/TCP 10.0.0.1:5060;rport=1234",
                "From: \"Bob \\\"the\\\" \\\\ Builder\" <sips:bob:pw@[2001:db8::2]:5061;transport=tls;lr>;tag=x;y",
                "To: Plain Name <sip:%61lice@example.com;user=phone>;tag=\"quoted\"",
                "Contact: \"A\" <sip:a@192.0.2.5>;expires=60;q=1.0, <sip:b@192.0.2.6:5070;ob>;+sip.instance=\"<urn:uuid:x>\"",
                "Route: <sip:192.0.2.1;lr>,<sip:192.0.2.2;lr> , <sip:tok@[2001:db8::3]:5060;transport=tcp;lr>",
                "Record-Route: sip:192.0.2.1;lr",
                "Via: SIP/2.0/UDP 1:2:3;branch=z9hG4bKa", "To: <sip:a@b:1>:2", "Via: SIP/2.0/UDP h:5060 (c:d)",
                "Authorization: Digest username=\"bob\",realm=\"r\" , nonce=\"a\\\"b\", uri=\"sip:r\", qop=auth, "
                        + "nc=00000001, cnonce=\"c\", response=\"d\", opaque=\"\", algorithm=MD5",
                "Proxy-Authorization: Digest username=alice, realm=\"r\", qop=\"auth\", nc=\"00000001\", flag",
                "WWW-Authenticate: Digest realm=\"r\", domain=\"sip:a sip:b\", qop=\"auth,auth-int\", stale=FALSE,",
                "Proxy-Authenticate: Basic realm=\"x\"", "WWW-Authenticate: Digest", "Authorization: Digest a=[::1]",
                "Authorization: Digest a=\"unterminated", "Authorization: Digest a=b c=d", "Authorization: Digest ,a=b",
                "CSeq: 4711 REGISTER", "Max-Forwards: 0", "Content-Length: 1234", "Call-ID: a b c@d"));
        return fields;
    }

    private static List<String> fields(String message) {
        int end = message.indexOf("\r\n\r\n");
        String head = end < 0 ? message : message.substring(0, end);
        List<String> fields = new ArrayList<>();
        List<String> lines = head.lines().toList();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + line.substring(1));
            } else if (!line.isBlank()) {
                fields.add(line.stripTrailing());
            }
        }
        return fields;
    }

    private static void assertNoDifferences(List<String> differences) {
        if (!differences.isEmpty()) {
            fail(differences.size() + " differences, the first:\n" + String.join("\n", differences.subList(0,
                    Math.min(25, differences.size()))));
        }
    }
}
