package org.natterjack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpLiteralTest {

    @Test
    void parsesDottedQuadsAndIpv6Literals() throws Exception {
        assertEquals(Optional.of(InetAddress.getByName("192.0.2.7")), IpLiteral.parse("192.0.2.7"));
        assertEquals(Optional.of(InetAddress.getByName("2001:db8::1")), IpLiteral.parse("2001:db8::1"));
        assertEquals(Optional.of(InetAddress.getByName("::ffff:192.0.2.7")), IpLiteral.parse("::ffff:192.0.2.7"));
    }

    @Test
    void refusesWhatTheLooseCheckLetThroughToDns() {
        // Each of these once passed a "looks like an address" test and reached InetAddress.getByName.
        for (String text : new String[] {"999.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "01.2.3.4x", "fe80::1%eth0",
                "gateway.example.com", "::g", "", " 1.2.3.4"}) {
            assertEquals(Optional.empty(), IpLiteral.parse(text), text);
        }
        assertEquals(Optional.empty(), IpLiteral.parse(null));
    }

    @Test
    void sipHostsMayBracketIpv6() throws Exception {
        assertEquals(Optional.of(InetAddress.getByName("::1")), IpLiteral.parseHost("[::1]"));
        assertTrue(IpLiteral.isLiteral("[2001:db8::5]"));
        assertFalse(IpLiteral.isLiteral("[999.1.1.1]"));
        assertFalse(IpLiteral.isLiteral("pbx.example.com"));
    }

    @Test
    void writesUriHostsWithBracketsAndWithoutScope() throws Exception {
        assertEquals("[fe80:0:0:0:0:0:0:1]", IpLiteral.uriHost(InetAddress.getByName("fe80::1%1")));
        assertEquals("192.0.2.7", IpLiteral.uriHost(InetAddress.getByName("192.0.2.7")));
    }

    @Test
    void aViaHostThatIsNoLiteralHasNoAddress() {
        assertEquals(Optional.empty(), new HostPort("999.1.1.1", 5060).address());
        assertTrue(new HostPort("[::1]", 5060).sameAddress(IpLiteral.parse("::1").orElseThrow()));
    }
}
