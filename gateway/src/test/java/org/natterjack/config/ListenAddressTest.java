package org.natterjack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {

    @Test
    void parsesIpv4AndPort() throws UnknownHostException {
        ListenAddress a = ListenAddress.parse("192.0.2.10:5060");

        assertEquals(InetAddress.getByName("192.0.2.10"), a.address());
        assertEquals(5060, a.port());
        assertEquals(new InetSocketAddress("192.0.2.10", 5060), a.socketAddress());
        assertEquals("192.0.2.10:5060", a.toString());
        assertFalse(a.isWildcard());
    }

    @Test
    void parsesBracketedIpv6AndPort() throws UnknownHostException {
        ListenAddress a = ListenAddress.parse("[2001:db8::10]:5070");

        assertEquals(InetAddress.getByName("2001:db8::10"), a.address());
        assertEquals(5070, a.port());
        assertEquals("[2001:db8:0:0:0:0:0:10]:5070", a.toString());
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertEquals(ListenAddress.parse("192.0.2.10:5060"), ListenAddress.parse("  192.0.2.10:5060 "));
    }

    @Test
    void wildcardAddressesAreRecognised() {
        assertTrue(ListenAddress.parse("0.0.0.0:5060").isWildcard());
        assertTrue(ListenAddress.parse("[::]:5060").isWildcard());
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {
            "192.0.2.10", "192.0.2.10:", ":5060", // port or host missing
            "gateway.example.org:5060", "localhost:5060", // names would need DNS at start
            "2001:db8::10:5060", // IPv6 without brackets is ambiguous
            "192.0.2.10:sip", "192.0.2.10:0", "192.0.2.10:65536", "192.0.2.10:70000", "192.0.2.10:-1"})
    void malformedListenAddressesAreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(text));
    }

    @Test
    void rejectionExplainsWhatIsWrong() {
        IllegalArgumentException noPort = assertThrows(IllegalArgumentException.class,
                () -> ListenAddress.parse("192.0.2.10"));
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> ListenAddress.parse("gateway.example.org:5060"));
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> ListenAddress.parse("192.0.2.10:70000"));

        assertTrue(noPort.getMessage().contains("HOST:PORT"), noPort.getMessage());
        assertTrue(name.getMessage().contains("IP address"), name.getMessage());
        assertTrue(port.getMessage().contains("70000"), port.getMessage());
    }

    @Test
    void portLimitsAreInclusive() {
        assertEquals(1, ListenAddress.parse("192.0.2.10:1").port());
        assertEquals(65535, ListenAddress.parse("192.0.2.10:65535").port());
    }
}
