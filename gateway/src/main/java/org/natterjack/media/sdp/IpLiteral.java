package org.natterjack.media.sdp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Strict IP literal parsing that never touches DNS. {@link InetAddress#getByName} would look up
 * {@code 999.1.1.1} as a host name; SDP from the network must never block a signalling thread like that.
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    /** A dotted-quad IPv4 or an IPv6 literal (no brackets, no scope id); empty for anything else. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
    }

    /** True if {@code text} parses as a literal of the given SDP address type ({@code IP4} or {@code IP6}). */
    static boolean isFamily(InetAddress address, String addrType) {
        return "IP4".equalsIgnoreCase(addrType) ? address instanceof Inet4Address : address instanceof Inet6Address;
    }

    /** The SDP address type of an address: {@code IP4} or {@code IP6}. */
    public static String addrType(InetAddress address) {
        return address instanceof Inet6Address ? "IP6" : "IP4";
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
        if (part != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
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
            InetAddress address = InetAddress.getByName(text);
            return Optional.of(address);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
