package org.natterjack.sip.registrar;

import org.natterjack.location.MemoryLocationService;
import org.natterjack.location.BindingTarget;
import org.natterjack.location.Binding;
import org.natterjack.location.NodeId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.natterjack.config.NatSettings;
import org.natterjack.config.RegistrarSettings;
import org.natterjack.nat.NatDetector;
import org.natterjack.nat.NatIndication;
import org.natterjack.net.Flow;
import org.natterjack.net.HostPort;
import org.natterjack.net.PrivateNetworks;
import org.natterjack.net.Transport;
import org.natterjack.testing.MutableClock;

/**
 * {@link Binding#target()} is how the proxy will reach a registered client; getting it wrong means calls
 * that never ring behind NAT.
 */
class BindingTest {

    private static final Instant NOW = MutableClock.START;
    private static final InetSocketAddress GATEWAY_UDP = new InetSocketAddress("192.0.2.10", 5060);
    private static final InetSocketAddress GATEWAY_TCP = new InetSocketAddress("192.0.2.10", 5060);
    private static final InetSocketAddress NAT_PUBLIC = new InetSocketAddress("203.0.113.50", 61000);
    private static final String PRIVATE_CONTACT = "sip:alice@192.168.1.20:5060;transport=udp";

    private static Binding binding(String contact, Flow received, Set<NatIndication> nat) {
        return new Binding("sip:alice@example.org", contact, received, NodeId.LOCAL, nat, NOW.plusSeconds(60), 1000, "call-1", 1,
                Optional.empty(), OptionalInt.empty(), "", NOW, NOW, List.of());
    }

    @Test
    void aBindingRegisteredThroughProxiesIsReachedThroughItsPathWhateverItsNat() {
        Flow edge = Flow.of(Transport.TCP, GATEWAY_TCP, new InetSocketAddress("198.51.100.9", 40000));
        List<String> path = List.of("<sip:edge.example.org;lr;ob>", "<sip:core.example.org;lr>");
        Binding b = new Binding("sip:alice@example.org", PRIVATE_CONTACT, edge, NodeId.LOCAL,
                Set.of(NatIndication.CONTACT_PRIVATE), NOW.plusSeconds(60), 1000, "call-1", 1, Optional.empty(),
                OptionalInt.empty(), "", NOW, NOW, path);

        assertEquals(new BindingTarget.ThroughPath(PRIVATE_CONTACT, path), b.target(),
                "the edge keeps the client's flow: not the edge's connection, not the private Contact");
    }

    @Test
    void natedUdpBindingIsReachedOverTheReceivedFlowNeverTheContact() {
        Flow received = Flow.of(Transport.UDP, GATEWAY_UDP, NAT_PUBLIC);
        Binding b = binding(PRIVATE_CONTACT, received, Set.of(NatIndication.CONTACT_PRIVATE,
                NatIndication.VIA_ADDRESS_DIFFERS));

        BindingTarget.OverFlow target = assertInstanceOf(BindingTarget.OverFlow.class, b.target());

        assertEquals(received, target.flow());
        assertEquals(Transport.UDP, target.flow().transport());
        assertEquals(NAT_PUBLIC, target.flow().remote(), "must go to the NAT's public address and port");
        assertEquals(GATEWAY_UDP, target.flow().local(), "must leave from the socket the REGISTER came in on");
        assertFalse(PrivateNetworks.isPrivate(target.flow().remote().getAddress()));
    }

    @Test
    void anySingleNatIndicationIsEnoughToUseTheFlow() {
        Flow received = Flow.of(Transport.UDP, GATEWAY_UDP, NAT_PUBLIC);
        for (NatIndication indication : NatIndication.values()) {
            Binding b = binding("sip:alice@203.0.113.50:5060", received, Set.of(indication));

            assertEquals(new BindingTarget.OverFlow(received), b.target(), indication.name());
        }
    }

    @Test
    void directUdpBindingIsReachedAtItsContact() {
        Flow received = Flow.of(Transport.UDP, GATEWAY_UDP, new InetSocketAddress("198.51.100.7", 5060));
        Binding b = binding("sip:alice@198.51.100.7:5060;transport=udp", received, Set.of());

        assertEquals(new BindingTarget.ToContact("sip:alice@198.51.100.7:5060;transport=udp"), b.target());
    }

    @Test
    void tcpBindingIsReachedOverItsConnectionEvenWithoutNat() {
        // The client's connection: its ephemeral port, our listening socket.
        Flow connection = Flow.of(Transport.TCP, GATEWAY_TCP, new InetSocketAddress("198.51.100.7", 49152));
        Binding b = binding("sip:alice@198.51.100.7:5060;transport=tcp", connection, Set.of());

        BindingTarget.OverFlow target = assertInstanceOf(BindingTarget.OverFlow.class, b.target());

        assertEquals(Transport.TCP, target.flow().transport());
        assertEquals(new InetSocketAddress("198.51.100.7", 49152), target.flow().remote());
        assertEquals(GATEWAY_TCP, target.flow().local());
    }

    @Test
    void natedTcpBindingIsReachedOverItsConnection() {
        Flow connection = Flow.of(Transport.TCP, GATEWAY_TCP, NAT_PUBLIC);
        Binding b = binding("sip:alice@192.168.1.20:5060;transport=tcp", connection,
                Set.of(NatIndication.CONTACT_PRIVATE));

        assertEquals(new BindingTarget.OverFlow(connection), b.target());
    }

    @Test
    void tlsBindingIsReachedOverItsConnection() {
        Flow connection = Flow.of(Transport.TLS, new InetSocketAddress("192.0.2.10", 5061),
                new InetSocketAddress("198.51.100.7", 50000));
        Binding b = binding("sips:alice@198.51.100.7", connection, Set.of());

        assertEquals(new BindingTarget.OverFlow(connection), b.target());
    }

    @Test
    void ipv6NatedBindingKeepsTheIpv6Flow() {
        Flow received = Flow.of(Transport.UDP, new InetSocketAddress("2001:db8::10", 5060),
                new InetSocketAddress("2001:db8:1::50", 40000));
        Binding b = binding("sip:alice@[fd00::20]:5060", received, Set.of(NatIndication.CONTACT_PRIVATE));

        assertEquals(new BindingTarget.OverFlow(received), b.target());
    }

    /** The whole path the proxy relies on: detection, registration, lookup, target. */
    @Test
    void registeredNatedPhoneIsLookedUpAsItsNatFlow() {
        MutableClock clock = new MutableClock();
        MemoryLocationService location = new MemoryLocationService(NodeId.LOCAL, clock);
        Registrar registrar = new Registrar(location, RegistrarSettings::defaults, NatSettings::defaults,
                clock);
        Flow received = Flow.of(Transport.UDP, GATEWAY_UDP, NAT_PUBLIC);
        HostPort claimed = new HostPort("192.168.1.20", 5060);
        Set<NatIndication> nat = NatDetector.detect(received, claimed, Optional.of(claimed));

        registrar.register(new RegisterRequest("sip:alice@example.org", "call-1", 1, received, nat, "",
                OptionalInt.empty(), false, List.of(ContactSpec.of(PRIVATE_CONTACT)), 10, List.of()));

        List<Binding> found = location.lookup("sip:alice@example.org");
        assertEquals(1, found.size());
        assertEquals(new BindingTarget.OverFlow(received), found.get(0).target());
    }

    @Test
    void afterANatRebindingTheTargetFollowsTheNewestFlow() {
        MutableClock clock = new MutableClock();
        MemoryLocationService location = new MemoryLocationService(NodeId.LOCAL, clock);
        Registrar registrar = new Registrar(location, RegistrarSettings::defaults, NatSettings::defaults,
                clock);
        Flow before = Flow.of(Transport.UDP, GATEWAY_UDP, NAT_PUBLIC);
        Flow after = Flow.of(Transport.UDP, GATEWAY_UDP, new InetSocketAddress("203.0.113.50", 62001));
        Set<NatIndication> nat = Set.of(NatIndication.CONTACT_PRIVATE, NatIndication.VIA_ADDRESS_DIFFERS);

        registrar.register(new RegisterRequest("sip:alice@example.org", "call-1", 1, before, nat, "",
                OptionalInt.empty(), false, List.of(ContactSpec.of(PRIVATE_CONTACT)), 10, List.of()));
        clock.advanceSeconds(30);
        registrar.register(new RegisterRequest("sip:alice@example.org", "call-1", 2, after, nat, "",
                OptionalInt.empty(), false, List.of(ContactSpec.of(PRIVATE_CONTACT)), 10, List.of()));

        List<Binding> found = location.lookup("sip:alice@example.org");
        assertEquals(1, found.size());
        assertEquals(new BindingTarget.OverFlow(after), found.get(0).target());
    }

    // --- the rest of Binding ---

    @Test
    void keyIsTheContactWithoutInstance() {
        Binding b = binding("sip:alice@198.51.100.7", Flow.of(Transport.UDP, GATEWAY_UDP, NAT_PUBLIC), Set.of());

        assertEquals("sip:alice@198.51.100.7", b.key());
    }

    @Test
    void keyIsTheInstanceAndRegIdOfAnOutboundFlowElseTheContact() {
        assertEquals("<urn:uuid:1>;reg-id=2",
                Binding.keyOf("sip:alice@198.51.100.7", Optional.of("<urn:uuid:1>"), OptionalInt.of(2)));
        // linphone restarted with a new instance ID registers the same Contact: one binding, rung once.
        assertEquals("sip:alice@198.51.100.7", Binding.keyOf("sip:alice@198.51.100.7",
                Optional.of("<urn:uuid:1>"), OptionalInt.empty()));
    }

    @Test
    void bindingExpiresExactlyAtItsExpiryInstant() {
        Binding b = binding("sip:alice@198.51.100.7", Flow.of(Transport.UDP, GATEWAY_UDP, NAT_PUBLIC), Set.of());

        assertFalse(b.isExpired(NOW.plusSeconds(59)));
        assertTrue(b.isExpired(NOW.plusSeconds(60)));
    }

    @Test
    void secondsLeftRoundsUpAndNeverGoesNegative() {
        Binding b = binding("sip:alice@198.51.100.7", Flow.of(Transport.UDP, GATEWAY_UDP, NAT_PUBLIC), Set.of());

        assertEquals(60, b.secondsLeft(NOW));
        assertEquals(1, b.secondsLeft(NOW.plusMillis(59_001)));
        assertEquals(0, b.secondsLeft(NOW.plusSeconds(60)));
        assertEquals(0, b.secondsLeft(NOW.plusSeconds(600)));
    }

    @Test
    void qOutsideZeroToOneIsRejected() {
        Flow f = Flow.of(Transport.UDP, GATEWAY_UDP, NAT_PUBLIC);
        assertThrows(IllegalArgumentException.class, () -> new Binding("sip:a@example.org", "sip:a@192.0.2.1", f, NodeId.LOCAL,
                Set.of(), NOW, 1001, "c", 1, Optional.empty(), OptionalInt.empty(), "", NOW, NOW, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Binding("sip:a@example.org", "sip:a@192.0.2.1", f, NodeId.LOCAL,
                Set.of(), NOW, -1, "c", 1, Optional.empty(), OptionalInt.empty(), "", NOW, NOW, List.of()));
    }
}
