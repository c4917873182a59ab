package org.natterjack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void blockContainsItsAddressesOnly() throws Exception {
        Cidr block = Cidr.parse("203.0.113.64/26");
        assertTrue(block.contains(ip("203.0.113.64")));
        assertTrue(block.contains(ip("203.0.113.127")));
        assertFalse(block.contains(ip("203.0.113.63")));
        assertFalse(block.contains(ip("203.0.113.128")));
    }

    @Test
    void bareAddressIsABlockOfOne() throws Exception {
        Cidr one = Cidr.parse("192.0.2.5");
        assertEquals(32, one.prefixLength());
        assertTrue(one.contains(ip("192.0.2.5")));
        assertFalse(one.contains(ip("192.0.2.6")));
    }

    @Test
    void ipv6BlocksDoNotMatchIpv4() throws Exception {
        Cidr block = Cidr.parse("[2001:db8::]/32");
        assertTrue(block.contains(ip("2001:db8:1::1")));
        assertFalse(block.contains(ip("2001:db9::1")));
        assertFalse(block.contains(ip("192.0.2.1")));
    }

    @Test
    void zeroPrefixMatchesEveryAddressOfTheFamily() throws Exception {
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("198.51.100.1")));
    }

    @Test
    void badBlocksAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("192.0.2.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/24"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("192.0.2.0/x"));
    }

    @Test
    void trustedPeersComeFromTheConfigFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("c.yaml");
        java.nio.file.Files.writeString(file, "proxy:\n  trusted-peers: [\"127.0.0.1\", \"198.51.100.0/24\"]\n");
        ProxySettings proxy = ConfigLoader.load(file).proxy();
        assertTrue(proxy.isTrusted(ip("198.51.100.77")));
        assertFalse(proxy.isTrusted(ip("203.0.113.1")));
    }
}
