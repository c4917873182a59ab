package org.natterjack.config;

import java.net.InetAddress;
import com.fasterxml.jackson.annotation.JsonCreator;
import org.natterjack.net.IpLiteral;

/** An address block, {@code 203.0.113.0/24} or {@code 2001:db8::/32}; a bare address is a block of one. */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0-" + bits);
        }
    }

    @JsonCreator
    public static Cidr parse(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        String host = IpLiteral.stripBrackets(slash < 0 ? value : value.substring(0, slash));
        InetAddress address = IpLiteral.parse(host).orElseThrow(() ->
                new IllegalArgumentException("'" + text + "' is not an address or address/prefix"));
        try {
            int prefix = slash < 0 ? address.getAddress().length * 8 : Integer.parseInt(value.substring(slash + 1));
            return new Cidr(address, prefix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address or address/prefix");
        }
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        return rest == 0 || ((a[full] ^ n[full]) & (0xff << (8 - rest)) & 0xff) == 0;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
