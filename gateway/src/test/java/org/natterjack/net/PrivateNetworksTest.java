package org.natterjack.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateNetworksTest {

    @ParameterizedTest(name = "{0} is private")
    @ValueSource(strings = {
            // 10.0.0.0/8
            "10.0.0.0", "10.0.0.1", "10.255.255.255",
            // 172.16.0.0/12
            "172.16.0.0", "172.16.5.4", "172.31.255.255",
            // 192.168.0.0/16
            "192.168.0.0", "192.168.1.20", "192.168.255.255",
            // 100.64.0.0/10 (RFC 6598 shared address space, carrier-grade NAT)
            "100.64.0.0", "100.100.1.1", "100.127.255.255",
            // 169.254.0.0/16 link-local
            "169.254.0.0", "169.254.1.1", "169.254.255.255",
            // fc00::/7 unique local (fc00::/8 and fd00::/8)
            "fc00::", "fc00::1", "fd12:3456:789a::1", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            // fe80::/10 link-local
            "fe80::", "fe80::1", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"})
    void privateSharedAndLinkLocalAddressesArePrivate(String address) throws UnknownHostException {
        assertTrue(PrivateNetworks.isPrivate(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest(name = "{0} is not private")
    @ValueSource(strings = {
            // documentation ranges stand in for the public Internet
            "192.0.2.1", "198.51.100.7", "203.0.113.254", "2001:db8::1", "2001:db8:ffff::abcd",
            // just outside 10/8
            "9.255.255.255", "11.0.0.0",
            // just outside 172.16/12
            "172.15.255.255", "172.32.0.0",
            // just outside 192.168/16
            "192.167.255.255", "192.169.0.0",
            // just outside 100.64/10
            "100.63.255.255", "100.128.0.0",
            // just outside 169.254/16
            "169.253.255.255", "169.255.0.0",
            // just outside fc00::/7 and fe80::/10
            "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe00::1", "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "fec0::1",
            // global unicast
            "8.8.8.8", "2a00:1450:4001::1"})
    void publicAddressesAreNotPrivate(String address) throws UnknownHostException {
        assertFalse(PrivateNetworks.isPrivate(InetAddress.getByName(address)), address);
    }
}
