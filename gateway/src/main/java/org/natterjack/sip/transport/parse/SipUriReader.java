package org.natterjack.sip.transport.parse;

import gov.nist.core.NameValue;
import gov.nist.javax.sip.address.SipUri;

/**
 * A sip: or sips: URI as the RI's {@code URLParser.sipURL} reads it: user (and password) when an
 * {@code @} follows, host, port, and inside angle brackets the URI parameters. URIs with headers
 * ({@code ?}) stay with the RI.
 */
final class SipUriReader {

    private SipUriReader() {
    }

    /** The scheme the cursor is on ({@code sip:} or {@code sips:} in any case), or null for any other URI. */
    static String scheme(HeaderText in) {
        if (in.startsWithIgnoreCase("sip", ':')) {
            return "sip";
        }
        return in.startsWithIgnoreCase("sips", ':') ? "sips" : null;
    }

    /** @param inBrackets a name-addr's URI, which alone takes URI parameters */
    static SipUri read(HeaderText in, boolean inBrackets) {
        String scheme = scheme(in);
        if (scheme == null) {
            throw NotCertain.INSTANCE;
        }
        in.skip(scheme.length() + 1);
        SipUri uri = new SipUri();
        uri.setScheme(scheme);
        readUserInfo(in, uri);
        uri.setHostPort(HostReader.hostPort(in, false));
        while (inBrackets && in.peek() == ';') {
            in.skip(1);
            uri.setUriParameter(parameter(in));
        }
        if (in.peek() == '?') {
            throw NotCertain.INSTANCE;
        }
        return uri;
    }

    /** The RI reads user and password first and rewinds to read a host when no {@code @} follows. */
    private static void readUserInfo(HeaderText in, SipUri uri) {
        int start = in.pos();
        skipWhile(in, CharClass.USER);
        String user = in.slice(start);
        String password = null;
        if (in.peek() == ':') {
            in.skip(1);
            int passwordStart = in.pos();
            skipWhile(in, CharClass.PASSWORD);
            password = in.slice(passwordStart);
        }
        if (in.peek() == '@') {
            in.skip(1);
            uri.setUser(user);
            if (password != null) {
                uri.setUserPassword(password);
            }
        } else {
            in.rewind(start);
        }
    }

    private static NameValue parameter(HeaderText in) {
        int start = in.pos();
        skipWhile(in, CharClass.PARAMETER);
        String name = in.slice(start);
        if (name.isEmpty()) {
            throw NotCertain.INSTANCE;
        }
        if (in.peek() != '=') {
            return new NameValue(name, "", true);
        }
        in.skip(1);
        int valueStart = in.pos();
        skipWhile(in, CharClass.PARAMETER);
        return new NameValue(name, in.slice(valueStart), false);
    }

    /** Characters of the class, and %-escapes (three characters, as the RI consumes them). */
    private static void skipWhile(HeaderText in, CharClass chars) {
        while (true) {
            char c = in.peek();
            if (chars.has(c)) {
                in.skip(1);
            } else if (c == '%' && HeaderText.isHexDigit(in.peek(1)) && HeaderText.isHexDigit(in.peek(2))) {
                in.skip(3);
            } else {
                return;
            }
        }
    }

    /** The RI's URI character classes (unreserved plus the extra characters each part allows). */
    private enum CharClass {
        USER("&?+$#/,;="), PASSWORD("&=+$,"), PARAMETER("[]/:&+$");

        private final boolean[] ascii = new boolean[128];

        CharClass(String extra) {
            for (char c = 0; c < 128; c++) {
                ascii[c] = HeaderText.isAlphaDigit(c) || "-_.!~*'()".indexOf(c) >= 0 || extra.indexOf(c) >= 0;
            }
        }

        boolean has(char c) {
            return c < 128 && ascii[c];
        }
    }
}
