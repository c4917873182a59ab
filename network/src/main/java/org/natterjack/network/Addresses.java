package org.natterjack.network;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Strict parsing of IP literals (never a name lookup) and of {@code address/prefix}. */
final class Addresses {

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern WITH_PREFIX = Pattern.compile("([^/]+)/([0-9]{1,3})");

    private Addresses() {
    }

    /** A dotted IPv4 address (no leading zeros, each part up to 255). */
    static Optional<Inet4Address> ipv4(String text) {
        if (!IPV4.matcher(text).matches()) {
            return Optional.empty();
        }
        byte[] b = new byte[4];
        String[] parts = text.split("\\.");
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return Optional.empty();
            }
            b[i] = (byte) v;
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(b));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An IPv6 literal without brackets or scope; IPv4-mapped addresses are not IPv6 addresses here. */
    static Optional<Inet6Address> ipv6(String text) {
        if (!text.contains(":") || !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            return a instanceof Inet6Address v6 ? Optional.of(v6) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static Optional<InetAddress> ip(String text) {
        return ipv4(text).<InetAddress>map(a -> a).or(() -> ipv6(text));
    }

    /** {@code address/prefix} split; empty if there is no single slash with a number after it. */
    static Optional<String[]> withPrefix(String text) {
        Matcher m = WITH_PREFIX.matcher(text);
        return m.matches() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty();
    }

    static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    static String dotted(int v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    /** Whether {@code a} lies in {@code net/prefix} (IPv6). */
    static boolean inPrefix(Inet6Address a, Inet6Address net, int prefix) {
        byte[] x = a.getAddress();
        byte[] y = net.getAddress();
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((x[bit / 8] & mask) != (y[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
