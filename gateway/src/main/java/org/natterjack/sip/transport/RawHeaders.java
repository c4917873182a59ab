package org.natterjack.sip.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The start line and header fields of a SIP message as the octets show them, before any parser touched
 * them: for the checks the JAIN-SIP RI gets wrong (protocol version, repeated fields, stream framing).
 *
 * <p>Lines end in CRLF or, as the RI's stream reader hands them on, in LF alone. A line starting with SP
 * or HTAB continues the field before it (RFC 3261 7.3.1). Field names are matched case-insensitively with
 * their compact forms mapped to the long ones (RFC 3261 7.3.3), and may be followed by whitespace before
 * the colon ({@code Content-Length   : 150}, RFC 4475 3.1.1.1).
 *
 * @param startLine the request or status line, without its line end
 * @param fields    the header fields in order
 * @param end       the offset just after the empty line that ends the header section (the body's start)
 */
record RawHeaders(String startLine, List<Field> fields, int end) {

    /** One header field; {@code start} and {@code end} delimit it in the octets, its line end(s) included. */
    record Field(String name, String value, int start, int end) {
    }

    /** The compact forms of RFC 3261 7.3.3. */
    private static final Map<String, String> COMPACT = Map.of("c", "content-type", "e", "content-encoding",
            "f", "from", "i", "call-id", "k", "supported", "l", "content-length", "m", "contact", "s", "subject",
            "t", "to", "v", "via");

    /**
     * Reads the header section that begins at {@code offset} (leading CR and LF are skipped, as RFC 3261 7.5
     * allows between messages). Empty if the octets end before the empty line.
     */
    static Optional<RawHeaders> read(byte[] octets, int offset, int length) {
        int limit = offset + length;
        int pos = offset;
        while (pos < limit && (octets[pos] == '\r' || octets[pos] == '\n')) {
            pos++;
        }
        int lineEnd = lineEnd(octets, pos, limit);
        if (lineEnd < 0) {
            return Optional.empty();
        }
        String startLine = text(octets, pos, lineEnd);
        List<Field> fields = new ArrayList<>();
        pos = lineEnd + 1;
        while (true) {
            lineEnd = lineEnd(octets, pos, limit);
            if (lineEnd < 0) {
                return Optional.empty();
            }
            String line = text(octets, pos, lineEnd);
            if (line.isEmpty()) {
                return Optional.of(new RawHeaders(startLine, List.copyOf(fields), lineEnd + 1));
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                Field last = fields.remove(fields.size() - 1);
                fields.add(new Field(last.name(), (last.value() + " " + line.strip()).strip(), last.start(),
                        lineEnd + 1));
            } else {
                int colon = line.indexOf(':');
                String name = (colon < 0 ? line : line.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : line.substring(colon + 1).strip();
                fields.add(new Field(COMPACT.getOrDefault(name, name), value, pos, lineEnd + 1));
            }
            pos = lineEnd + 1;
        }
    }

    /** The fields named {@code name} (a long form, lower case). */
    List<Field> all(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).toList();
    }

    /** The offset of the LF ending the line that starts at {@code from}, or -1 if there is none yet. */
    private static int lineEnd(byte[] octets, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (octets[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The line's text without its line end; ISO-8859-1 keeps one char per octet, so offsets stay exact. */
    private static String text(byte[] octets, int from, int lf) {
        int to = lf > from && octets[lf - 1] == '\r' ? lf - 1 : lf;
        return new String(octets, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
