package org.natterjack.media.sdp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import org.natterjack.net.IpLiteral;

/**
 * A parsed {@code c=} line: {@code IN IP4 192.0.2.1}. Only unicast IN addresses are accepted; the address
 * may be a literal or a host name (RFC 8866 allows both; names are never resolved here).
 *
 * @param addrType {@code IP4} or {@code IP6}, as written (upper-cased)
 * @param address the address as written
 * @param literal the address when it is an IP literal
 */
public record Connection(String addrType, String address, Optional<InetAddress> literal) {

    /** Parses the value of a {@code c=} line. */
    public static Connection parse(String value) throws SdpException {
        String[] f = SdpLine.fields(value);
        if (f.length != 3) {
            throw SdpException.malformed("c= needs network type, address type and address");
        }
        if (!f[0].equalsIgnoreCase("IN")) {
            throw SdpException.notAcceptable("network type " + excerpt(f[0]) + " is not supported");
        }
        String addrType = f[1].toUpperCase(java.util.Locale.ROOT);
        if (!addrType.equals("IP4") && !addrType.equals("IP6")) {
            throw SdpException.notAcceptable("address type " + excerpt(f[1]) + " is not supported");
        }
        String address = f[2];
        if (address.indexOf('/') >= 0) {
            throw SdpException.notAcceptable("multicast connection addresses are not supported");
        }
        Optional<InetAddress> literal = IpLiteral.parse(address);
        if (literal.isPresent()) {
            if (!isFamily(literal.get(), addrType)) {
                throw SdpException.malformed("c= address " + excerpt(address) + " is not " + addrType);
            }
            if (literal.get().isMulticastAddress()) {
                throw SdpException.notAcceptable("multicast connection addresses are not supported");
            }
        } else if (!isHostName(address)) {
            throw SdpException.malformed("c= address " + excerpt(address) + " is neither an IP address nor a host name");
        }
        return new Connection(addrType, address, literal);
    }

    /** {@code c=IN IP4 0.0.0.0} (or {@code ::}): the RFC 2543 way to put a stream on hold. */
    public boolean isHold() {
        return literal.map(InetAddress::isAnyLocalAddress).orElse(false);
    }

    /** The line value for an address: {@code IN IP4 203.0.113.5}. */
    public static String valueFor(InetAddress address) {
        return "IN " + addrType(address) + " " + hostText(address);
    }

    /** The SDP address type of an address: {@code IP4} or {@code IP6}. */
    public static String addrType(InetAddress address) {
        return address instanceof Inet6Address ? "IP6" : "IP4";
    }

    private static boolean isFamily(InetAddress address, String addrType) {
        return "IP4".equalsIgnoreCase(addrType) ? address instanceof Inet4Address : address instanceof Inet6Address;
    }

    /** An address as SDP writes it: no brackets, no scope id, IPv6 in the RFC 5952 short form. */
    public static String hostText(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static boolean isHostName(String text) {
        if (text.isEmpty() || text.length() > 253) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    static String excerpt(String text) {
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }
}
