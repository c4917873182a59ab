package org.natterjack.sip.transport.parse;

import gov.nist.core.Host;
import gov.nist.core.HostPort;

/** Host and port as the RI's {@code HostNameParser.hostPort} reads them, for Via sent-by and SIP URIs. */
final class HostReader {

    private HostReader() {
    }

    /**
     * @param allowSpaces the Via form: spaces and tabs may surround the colon, and anything may follow;
     *                    in a URI the host must end at one of the characters the RI accepts there
     */
    static HostPort hostPort(HeaderText in, boolean allowSpaces) {
        HostPort hostPort = new HostPort();
        hostPort.setHost(new Host(host(in)));
        if (allowSpaces) {
            in.skipSpaces();
        }
        char next = in.peek();
        if (next == ':') {
            in.skip(1);
            if (allowSpaces) {
                in.skipSpaces();
            }
            hostPort.setPort(Integer.parseInt(in.digits(9)));
        } else if (!allowSpaces && !endsUriHost(next)) {
            throw NotCertain.INSTANCE;
        }
        return hostPort;
    }

    private static String host(HeaderText in) {
        int start = in.pos();
        if (in.peek() == '[') {
            return ipv6Reference(in, start);
        }
        if (readAsBareIpv6(in)) {
            throw NotCertain.INSTANCE;
        }
        while (HeaderText.isAlphaDigit(in.peek()) || in.peek() == '-' || in.peek() == '.' || in.peek() == '_') {
            in.skip(1);
        }
        if (in.pos() == start) {
            throw NotCertain.INSTANCE;
        }
        return in.slice(start);
    }

    /** {@code [} hex digits, dots and colons {@code ]}, brackets kept, as the RI keeps them. */
    private static String ipv6Reference(HeaderText in, int start) {
        in.skip(1);
        while (HeaderText.isHexDigit(in.peek()) || in.peek() == '.' || in.peek() == ':') {
            in.skip(1);
        }
        in.expect(']');
        return in.slice(start);
    }

    /**
     * The RI reads a host as a bare IPv6 address when the rest of the field, up to the first comma and
     * then to the first {@code ;} or {@code ?}, holds two colons, even across a closing {@code >}. That
     * path (and its quirks) stays with the RI.
     */
    private static boolean readAsBareIpv6(HeaderText in) {
        int colons = 0;
        for (int i = 0; ; i++) {
            char c = in.peek(i);
            if (c == ',' || c == ';' || c == '?' || c == HeaderText.END) {
                break;
            }
            if (c == ':' && ++colons == 2) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsUriHost(char c) {
        return switch (c) {
            case ',', ';', '?', '>', ' ', '\t', '/', HeaderText.END -> true;
            default -> false;
        };
    }
}
