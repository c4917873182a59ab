package org.natterjack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class FlowTest {

    private static final InetSocketAddress OURS = new InetSocketAddress("192.0.2.1", 5060);
    private static final InetSocketAddress NAT = new InetSocketAddress("203.0.113.5", 40000);

    @Test
    void theTransportChoosesTheVariant() {
        assertInstanceOf(Flow.Datagram.class, Flow.of(Transport.UDP, OURS, NAT));
        Flow tls = Flow.of(Transport.TLS, OURS, NAT);
        assertInstanceOf(Flow.Connection.class, tls);
        assertEquals(Transport.TLS, tls.transport());
        assertThrows(IllegalArgumentException.class, () -> new Flow.Connection(Transport.UDP, OURS, NAT));
    }

    @Test
    void theTextFormNamesKindRemoteAndLocal() {
        assertEquals("udp 203.0.113.5:40000 192.0.2.1:5060", Flow.of(Transport.UDP, OURS, NAT).encode());
        assertEquals("tcp [2001:db8:0:0:0:0:0:50]:61000 [0:0:0:0:0:0:0:0]:5060",
                Flow.of(Transport.TCP, new InetSocketAddress("::", 5060),
                        new InetSocketAddress("2001:db8::50", 61000)).encode());
    }

    @Test
    void everyVariantSurvivesItsTextForm() {
        for (Flow flow : new Flow[] {Flow.of(Transport.UDP, OURS, NAT), Flow.of(Transport.TCP, OURS, NAT),
                Flow.of(Transport.TLS, new InetSocketAddress("::", 5061), new InetSocketAddress("2001:db8::7", 1))}) {
            assertEquals(flow, Flow.decode(flow.encode()));
        }
    }

    @Test
    void aKindThisReleaseDoesNotKnowIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Flow.decode("tunnel 7f3a 203.0.113.50:443"));
        assertTrue(e.getMessage().contains("unknown kind of flow 'tunnel'"), e.getMessage());
    }

    @Test
    void malformedTextIsRefusedWithoutALookup() {
        for (String text : new String[] {"", "udp", "udp 203.0.113.5:40000", "udp host.example:5060 192.0.2.1:5060",
                "udp 999.0.113.5:5060 192.0.2.1:5060", "udp 203.0.113.5:70000 192.0.2.1:5060",
                "udp 203.0.113.5 192.0.2.1:5060"}) {
            assertThrows(IllegalArgumentException.class, () -> Flow.decode(text), text);
        }
    }
}
