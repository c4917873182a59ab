package org.natterjack.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalDomainsTest {

    @Test
    void namesMatchCaseInsensitively() {
        LocalDomains domains = LocalDomains.of(List.of("Example.ORG"));

        assertTrue(domains.contains("example.org"));
        assertTrue(domains.contains("EXAMPLE.org"));
        assertFalse(domains.contains("example.net"));
        assertFalse(domains.contains("sub.example.org"));
        assertFalse(domains.contains(null));
    }

    @Test
    void ipv6SpellingsOfOneAddressMatch() {
        LocalDomains domains = LocalDomains.of(List.of("::1"));

        assertTrue(domains.contains("[0:0:0:0:0:0:0:1]"));
        assertTrue(domains.contains("0:0:0:0:0:0:0:1"));
        assertTrue(domains.contains("[::1]"));
        assertFalse(domains.contains("[::2]"));
    }

    @Test
    void bracketedIpv6DomainMatchesShortSpelling() {
        LocalDomains domains = LocalDomains.of(List.of("[2001:DB8:0:0:0:0:0:10]"));

        assertTrue(domains.contains("2001:db8::10"));
        assertTrue(domains.contains("[2001:db8::10]"));
    }

    @Test
    void ipv4LiteralMatchesExactly() {
        LocalDomains domains = LocalDomains.of(List.of("192.0.2.10"));

        assertTrue(domains.contains("192.0.2.10"));
        assertFalse(domains.contains("192.0.2.1"));
    }

    @Test
    void configuredDomainsAddToOurOwnAddresses() {
        SipSettings sip = SipSettings.defaults().withListen(List.of(ListenAddress.parse("192.0.2.10:5060")))
                .withDomains(List.of("example.org"));

        LocalDomains domains = LocalDomains.of(sip);

        assertTrue(domains.contains("example.org"));
        assertTrue(domains.contains("localhost"));
        assertTrue(domains.contains("192.0.2.10"));
        assertFalse(domains.contains("example.com"));
    }

    @Test
    void withoutConfiguredDomainsLocalhostAndListenAddressesAreLocal() {
        SipSettings sip = new SipSettings(List.of(ListenAddress.parse("192.0.2.10:5060"),
                ListenAddress.parse("[2001:db8::10]:5060")), List.of(), Optional.empty(), 16384, 100, 200, 300);

        LocalDomains domains = LocalDomains.of(sip);

        assertTrue(domains.contains("localhost"));
        assertTrue(domains.contains("LOCALHOST"));
        assertTrue(domains.contains("192.0.2.10"));
        assertTrue(domains.contains("[2001:db8::10]"));
        assertFalse(domains.contains("example.org"));
    }

    @Test
    void advertisedAddressIsLocalToo() throws Exception {
        SipSettings sip = new SipSettings(List.of(ListenAddress.parse("192.0.2.10:5060")), List.of(),
                Optional.of(java.net.InetAddress.getByName("198.51.100.1")), 16384, 100, 200, 300);

        assertTrue(LocalDomains.of(sip).contains("198.51.100.1"));
    }
}
