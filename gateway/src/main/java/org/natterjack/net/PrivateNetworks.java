package org.natterjack.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Address ranges that are never reachable from the public Internet, so a Contact holding one proves the
 * client sits behind NAT: RFC 1918, shared address space (RFC 6598), IPv4 link-local, IPv6 unique-local
 * (fc00::/7) and link-local (fe80::/10).
 */
public final class PrivateNetworks {

    private PrivateNetworks() {
    }

    public static boolean isPrivate(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            return a0 == 10
                    || (a0 == 172 && a1 >= 16 && a1 <= 31)
                    || (a0 == 192 && a1 == 168)
                    || (a0 == 100 && a1 >= 64 && a1 <= 127)
                    || (a0 == 169 && a1 == 254);
        }
        if (address instanceof Inet6Address) {
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            return (a0 & 0xfe) == 0xfc || (a0 == 0xfe && (a1 & 0xc0) == 0x80);
        }
        return false;
    }
}
