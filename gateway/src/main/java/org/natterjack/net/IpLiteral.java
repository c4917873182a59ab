package org.natterjack.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The one IP literal parser, for configuration, SIP and SDP alike. It never touches DNS:
 * {@link InetAddress#getByName} would look up {@code 999.1.1.1} as a host name, and text from the network
 * must never block a signalling thread like that.
 */
public final class IpLiteral {

    private static final int LONGEST_LITERAL = 45;

    private IpLiteral() {
    }

    /** A dotted-quad IPv4 or an IPv6 literal (no brackets, no scope id); empty for anything else. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > LONGEST_LITERAL) {
            return Optional.empty();
        }
        return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
    }

    /** As {@link #parse}, for a host as SIP and URIs write it: IPv6 may come in brackets. */
    public static Optional<InetAddress> parseHost(String host) {
        return host == null ? Optional.empty() : parse(stripBrackets(host));
    }

    /** True when {@code host} is an IP literal (IPv6 with or without brackets) rather than a name. */
    public static boolean isLiteral(String host) {
        return parseHost(host).isPresent();
    }

    public static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The host as it appears in a SIP URI or Via: IPv6 in brackets, without a scope id. */
    public static String uriHost(InetAddress address) {
        String text = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int scope = text.indexOf('%');
            return "[" + (scope >= 0 ? text.substring(0, scope) : text) + "]";
        }
        return text;
    }

    private static Optional<InetAddress> parseV4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return Optional.empty();
                }
            } else if (c == '.' && value >= 0 && part < 4) {
                bytes[part++] = (byte) value;
                value = -1;
            } else {
                return Optional.empty();
            }
        }
        return part == 4 ? byAddress(bytes) : Optional.empty();
    }

    private static Optional<InetAddress> parseV6(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == ':' || c == '.';
            if (!ok) {
                return Optional.empty();
            }
        }
        try {
            // With a colon in it, the JDK parses a literal or fails; it never resolves such a name.
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> byAddress(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
