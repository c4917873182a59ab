package org.natterjack.location;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.testing.MutableClock;

class LocationServiceTest {

    private final MutableClock clock = new MutableClock();
    private final RecordingListener listener = new RecordingListener();
    private final MemoryLocationService location = new MemoryLocationService(NodeId.LOCAL, clock);
    private final Flow flow = Flow.of(Transport.UDP, new InetSocketAddress("192.0.2.10", 5060),
            new InetSocketAddress("198.51.100.7", 5060));

    LocationServiceTest() {
        location.listen(listener);
    }

    private Binding binding(String aor, String contact, int q, long expiresInSeconds) {
        Instant now = clock.instant();
        return new Binding(aor, contact, flow, NodeId.LOCAL, Set.of(), now.plusSeconds(expiresInSeconds), q, "call", 1,
                Optional.empty(), OptionalInt.empty(), "", now, now, List.of());
    }

    @Test
    void unknownAorHasNoBindings() {
        assertEquals(List.of(), location.lookup("sip:nobody@example.org"));
        assertEquals(0, location.size());
    }

    @Test
    void restoreGroupsByAorSortsByPreferenceAndReportsNothing() {
        Binding low = binding("sip:alice@example.org", "sip:alice@198.51.100.1", 100, 60);
        Binding high = binding("sip:alice@example.org", "sip:alice@198.51.100.2", 900, 60);
        Binding bob = binding("sip:bob@example.org", "sip:bob@198.51.100.3", 1000, 60);

        location.restore(List.of(low, bob, high));

        assertEquals(List.of(high, low), location.lookup("sip:alice@example.org"));
        assertEquals(List.of(bob), location.lookup("sip:bob@example.org"));
        assertEquals(3, location.size());
        assertEquals(3, location.all().count());
        assertEquals(List.of(), listener.saved);
    }

    @Test
    void removeDropsOneBindingByKeyAndReportsIt() {
        Binding keep = binding("sip:alice@example.org", "sip:alice@198.51.100.1", 1000, 60);
        Binding drop = binding("sip:alice@example.org", "sip:alice@198.51.100.2", 1000, 60);
        location.restore(List.of(keep, drop));

        location.remove("sip:alice@example.org", drop.key());

        assertEquals(List.of(keep), location.lookup("sip:alice@example.org"));
        assertEquals(List.of(drop), listener.removed);
    }

    @Test
    void removingTheLastBindingForgetsTheAor() {
        Binding only = binding("sip:alice@example.org", "sip:alice@198.51.100.1", 1000, 60);
        location.restore(List.of(only));

        location.remove("sip:alice@example.org", only.key());

        assertEquals(0, location.size());
        assertEquals(0, location.all().count());
    }

    @Test
    void allIncludesExpiredBindingsUntilPurged() {
        location.restore(List.of(binding("sip:alice@example.org", "sip:alice@198.51.100.1", 1000, 60)));
        clock.advanceSeconds(61);

        assertEquals(List.of(), location.lookup("sip:alice@example.org"));
        assertEquals(1, location.all().count());
        assertEquals(1, location.expire());
        assertEquals(0, location.all().count());
    }

    @Test
    void onlyTheBindingsWhoseFlowsThisNodeHoldsAreHeldHere() {
        Binding here = binding("sip:alice@example.org", "sip:alice@198.51.100.1", 1000, 60);
        Binding there = new Binding("sip:alice@example.org", "sip:alice@198.51.100.2", flow, new NodeId("gw-b"),
                Set.of(), here.expires(), 500, "call", 1, Optional.empty(), OptionalInt.empty(), "", here.firstSeen(),
                here.lastSeen(), List.of());
        location.restore(List.of(here, there));

        assertEquals(List.of(here, there), location.lookup("sip:alice@example.org"));
        assertEquals(List.of(here), location.heldHere().toList());
    }
}
