package org.natterjack.capture;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the credentials out of a SIP message before it leaves the gateway (web admin, pcap, HEP): the values of
 * Authorization and Proxy-Authorization (RFC 3261 20.7, 20.28) keep their scheme and username, the rest (the
 * digest response, nonce and the other parameters) becomes {@code [masked]}.
 */
public final class Masking {

    private static final Pattern CREDENTIALS = Pattern.compile(
            "(?im)^((?:proxy-)?authorization[ \\t]*:[ \\t]*)(\\S+)([^\\r\\n]*(?:\\r?\\n[ \\t][^\\r\\n]*)*)");
    private static final Pattern USERNAME = Pattern.compile("(?i)username[ \\t]*=[ \\t]*(\"[^\"]*\"|[^,\\s]+)");

    private Masking() {
    }

    public static byte[] mask(byte[] octets) {
        if (!mightHoldCredentials(octets)) {
            return octets;
        }
        String text = new String(octets, StandardCharsets.ISO_8859_1);
        int bodyStart = text.indexOf("\r\n\r\n");
        String head = bodyStart < 0 ? text : text.substring(0, bodyStart);
        String body = bodyStart < 0 ? "" : text.substring(bodyStart);
        Matcher m = CREDENTIALS.matcher(head);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Matcher user = USERNAME.matcher(m.group(3));
            String kept = m.group(1) + m.group(2) + (user.find() ? " username=" + user.group(1) + "," : "")
                    + " [masked]";
            m.appendReplacement(out, Matcher.quoteReplacement(kept));
        }
        m.appendTail(out);
        return (out + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A cheap test first: most messages carry no credentials. */
    private static boolean mightHoldCredentials(byte[] octets) {
        for (int i = 0; i + 14 <= octets.length; i++) {
            if ((octets[i] | 0x20) == 'a' && (octets[i + 1] | 0x20) == 'u' && (octets[i + 2] | 0x20) == 't'
                    && (octets[i + 3] | 0x20) == 'h' && (octets[i + 4] | 0x20) == 'o') {
                return true;
            }
        }
        return false;
    }
}
