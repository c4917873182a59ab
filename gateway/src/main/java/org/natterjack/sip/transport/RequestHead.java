package org.natterjack.sip.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The start line of a request and the first single-valued header field it repeats, read from the raw octets
 * in one pass without building the header fields ({@link RawHeaders} does that, for the stream framer): the
 * parser guard runs on every datagram, and building every line as strings cost about 4 % of the proxy's CPU
 * (bench/proxy profile).
 *
 * <p>Reads the message as {@link RawHeaders} does: leading CR/LF skipped, lines ending in CRLF or LF, a line
 * starting with SP or HTAB continuing its field, names compared case-insensitively up to the colon with
 * surrounding whitespace ignored, the compact forms of RFC 3261 7.3.3 counted as their long forms.
 *
 * @param startLine the request line without its line end
 * @param repeated  the long (lower-case) name of the first field of {@link #SINGLE} seen
 *                  twice, if any
 */
record RequestHead(String startLine, Optional<String> repeated) {

    /** Fields that identify a transaction, dialog or body length and may appear only once (RFC 3261 7.3.1). */
    static final List<String> SINGLE = List.of("call-id", "cseq", "from", "to", "max-forwards", "content-length");

    private static final Map<String, String> COMPACT_FORMS = Map.of("call-id", "i", "from", "f", "to", "t",
            "content-length", "l");
    private static final String[] NAMES = SINGLE.toArray(String[]::new);
    private static final String[] COMPACT = SINGLE.stream().map(COMPACT_FORMS::get).toArray(String[]::new);

    /** Empty for a response or for octets without a complete header section. */
    static Optional<RequestHead> scan(byte[] octets) {
        int limit = octets.length;
        int pos = 0;
        while (pos < limit && (octets[pos] == '\r' || octets[pos] == '\n')) {
            pos++;
        }
        int lineEnd = lineEnd(octets, pos, limit);
        if (lineEnd < 0 || startsWithIgnoreCase(octets, pos, lineEnd, "SIP/")) {
            return Optional.empty();
        }
        String startLine = new String(octets, pos, contentEnd(octets, pos, lineEnd) - pos, StandardCharsets.ISO_8859_1);
        int seen = 0;
        String repeated = null;
        boolean anyField = false;
        for (pos = lineEnd + 1; ; pos = lineEnd + 1) {
            lineEnd = lineEnd(octets, pos, limit);
            if (lineEnd < 0) {
                return Optional.empty();
            }
            int end = contentEnd(octets, pos, lineEnd);
            if (end == pos) {
                return Optional.of(new RequestHead(startLine, Optional.ofNullable(repeated)));
            }
            boolean continuation = (octets[pos] == ' ' || octets[pos] == '\t') && anyField;
            anyField = true;
            if (continuation || repeated != null) {
                continue;
            }
            int colon = indexOf(octets, pos, end, (byte) ':');
            int nameFrom = skipSpace(octets, pos, colon);
            int nameTo = trimSpace(octets, nameFrom, colon);
            int index = singleField(octets, nameFrom, nameTo);
            if (index >= 0) {
                if ((seen & (1 << index)) != 0) {
                    repeated = NAMES[index];
                }
                seen |= 1 << index;
            }
        }
    }

    private static int singleField(byte[] octets, int from, int to) {
        for (int i = 0; i < NAMES.length; i++) {
            if (equalsIgnoreCase(octets, from, to, NAMES[i])
                    || (COMPACT[i] != null && equalsIgnoreCase(octets, from, to, COMPACT[i]))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean equalsIgnoreCase(byte[] octets, int from, int to, String lowerCase) {
        return to - from == lowerCase.length() && startsWithIgnoreCase(octets, from, to, lowerCase);
    }

    private static boolean startsWithIgnoreCase(byte[] octets, int from, int to, String text) {
        if (to - from < text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.toLowerCase((char) (octets[from + i] & 0xff)) != Character.toLowerCase(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The offset of the LF ending the line that starts at {@code from}, or -1 if there is none. */
    private static int lineEnd(byte[] octets, int from, int limit) {
        int lf = indexOf(octets, from, limit, (byte) '\n');
        return lf < limit ? lf : -1;
    }

    private static int indexOf(byte[] octets, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (octets[i] == b) {
                return i;
            }
        }
        return to;
    }

    /** The end of the line's text: before a CR that precedes the LF at {@code lf}. */
    private static int contentEnd(byte[] octets, int from, int lf) {
        return lf > from && octets[lf - 1] == '\r' ? lf - 1 : lf;
    }

    /** Whitespace as {@link String#strip()} sees it, for the octets that can occur in a header line. */
    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == 0x0b || b == 0x0c || (b >= 0x1c && b <= 0x1f);
    }

    private static int skipSpace(byte[] octets, int from, int to) {
        while (from < to && isSpace(octets[from])) {
            from++;
        }
        return from;
    }

    private static int trimSpace(byte[] octets, int from, int to) {
        while (to > from && isSpace(octets[to - 1])) {
            to--;
        }
        return to;
    }
}
