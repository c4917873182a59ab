package org.natterjack.location;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.testing.MutableClock;

/** Other nodes' bindings merged into this node's location service, and those of dead nodes left out of lookups. */
class MergeTest {

    private static final String AOR = "sip:alice@example.org";
    private static final NodeId A = new NodeId("a");
    private static final NodeId B = new NodeId("b");

    private final MutableClock clock = new MutableClock();
    private final Set<NodeId> dead = new HashSet<>();
    private final RecordingListener listener = new RecordingListener();
    private final MemoryLocationService onA = new MemoryLocationService(A, clock, n -> !dead.contains(n));
    private final Flow flow = Flow.of(Transport.UDP, new InetSocketAddress("192.0.2.10", 5060),
            new InetSocketAddress("198.51.100.7", 5060));

    MergeTest() {
        onA.listen(listener);
    }

    private Binding binding(NodeId node, String contact, int regId, Instant lastSeen) {
        return new Binding(AOR, contact, flow, node, Set.of(), clock.instant().plusSeconds(600), 1000, "call", 1,
                Optional.of("<urn:uuid:00000000-0000-1000-8000-000000000001>"), OptionalInt.of(regId), "",
                lastSeen, lastSeen, List.of());
    }

    @Test
    void theOtherNodesBindingsAreTakenAndOwnOnesKept() {
        Binding own = binding(A, "sip:alice@10.0.0.1", 1, clock.instant());
        Binding theirs = binding(B, "sip:alice@10.0.0.1", 2, clock.instant());
        onA.restore(List.of(own));

        onA.merge(AOR, List.of(theirs));
        assertEquals(Set.of(own, theirs), Set.copyOf(onA.lookup(AOR)));

        onA.merge(AOR, List.of());
        assertEquals(List.of(own), onA.lookup(AOR), "b's binding went from the store; a's own stays");
        assertEquals(List.of(), listener.saved, "merges are not this node's changes: nothing written back");
        assertEquals(List.of(), listener.removed);
    }

    @Test
    void ownBindingGivesWayToTheSameBindingSeenLaterOnAnotherNode() {
        Binding own = binding(A, "sip:alice@10.0.0.1", 1, clock.instant());
        onA.restore(List.of(own));
        Binding movedToB = binding(B, "sip:alice@10.0.0.2", 1, clock.instant().plusSeconds(5));
        Binding staleOnB = binding(B, "sip:alice@10.0.0.2", 1, clock.instant().minusSeconds(5));

        onA.merge(AOR, List.of(staleOnB));
        assertEquals(List.of(own), onA.lookup(AOR), "memory is ahead of the store for a's own");
        onA.merge(AOR, List.of(movedToB));
        assertEquals(List.of(movedToB), onA.lookup(AOR), "the device registered on b since");
    }

    @Test
    void aDeadNodesBindingsAreNotOffered() {
        Binding own = binding(A, "sip:alice@10.0.0.1", 1, clock.instant());
        Binding theirs = binding(B, "sip:alice@10.0.0.1", 2, clock.instant());
        onA.restore(List.of(own, theirs));

        dead.add(B);

        assertEquals(List.of(own), onA.lookup(AOR));
        assertEquals(2, onA.all().count(), "kept until the store removes them after the grace period");
    }

    @Test
    void mergeAllDropsBindingsOfOtherNodesTheStoreNoLongerHas() {
        Binding own = binding(A, "sip:alice@10.0.0.1", 1, clock.instant());
        Binding gone = new Binding("sip:bob@example.org", "sip:bob@10.0.0.3", flow, B, Set.of(),
                clock.instant().plusSeconds(600), 1000, "call", 1, Optional.empty(), OptionalInt.empty(), "",
                clock.instant(), clock.instant(), List.of());
        Binding theirs = binding(B, "sip:alice@10.0.0.1", 2, clock.instant());
        onA.restore(List.of(own, gone));

        onA.mergeAll(List.of(theirs));

        assertEquals(Set.of(own, theirs), Set.copyOf(onA.lookup(AOR)));
        assertEquals(List.of(), onA.lookup("sip:bob@example.org"));
    }
}
