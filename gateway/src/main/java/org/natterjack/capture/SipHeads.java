package org.natterjack.capture;

import java.nio.charset.StandardCharsets;

/** Reads a header field's value out of a message's raw octets, without parsing the message. */
final class SipHeads {

    private SipHeads() {
    }

    /** The Call-ID ({@code Call-ID} or its compact form {@code i}); empty if there is none. */
    static String callId(byte[] m) {
        long span = callIdSpan(m);
        return new String(m, (int) (span >>> 32), (int) span, StandardCharsets.UTF_8);
    }

    /** Where the Call-ID's value lies in {@code m}: its offset in the high 32 bits, its length in the low ones. */
    static long callIdSpan(byte[] m) {
        int i = 0;
        int n = m.length;
        // Skip the start line; then each header line until the empty line.
        while (i < n && m[i] != '\n') {
            i++;
        }
        i++;
        while (i < n && m[i] != '\r' && m[i] != '\n') {
            int lineStart = i;
            int colon = -1;
            while (i < n && m[i] != '\n') {
                if (colon < 0 && m[i] == ':') {
                    colon = i;
                }
                i++;
            }
            if (colon > 0 && isCallId(m, lineStart, colon)) {
                int from = colon + 1;
                int to = i;
                while (from < to && (m[from] == ' ' || m[from] == '\t')) {
                    from++;
                }
                while (to > from && (m[to - 1] == '\r' || m[to - 1] == ' ' || m[to - 1] == '\t')) {
                    to--;
                }
                return ((long) from << 32) | (to - from);
            }
            i++;
        }
        return 0;
    }

    private static boolean isCallId(byte[] m, int start, int colon) {
        int end = colon;
        while (end > start && (m[end - 1] == ' ' || m[end - 1] == '\t')) {
            end--;
        }
        int len = end - start;
        if (len == 1) {
            return (m[start] | 0x20) == 'i';
        }
        return len == 7 && new String(m, start, 7, StandardCharsets.US_ASCII).equalsIgnoreCase("call-id");
    }
}
