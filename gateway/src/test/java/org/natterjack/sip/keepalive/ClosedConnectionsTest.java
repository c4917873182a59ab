package org.natterjack.sip.keepalive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.natterjack.metrics.RegistrarMeters;
import org.natterjack.location.Binding;
import org.natterjack.location.MemoryLocationService;
import org.natterjack.location.NodeId;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.testing.MutableClock;

/** A closed connection drops exactly the bindings still held over it. */
class ClosedConnectionsTest {

    private static final InetSocketAddress GATEWAY = new InetSocketAddress("192.0.2.10", 5060);

    private final MutableClock clock = new MutableClock();
    private final MemoryLocationService location = new MemoryLocationService(NodeId.LOCAL, clock);
    private final ClosedConnections closed = ClosedConnections.watching(location,
            new RegistrarMeters(new SimpleMeterRegistry(), () -> 0, () -> 0));

    @Test
    void onlyTheBindingsOverTheClosedConnectionAreDropped() {
        Flow.Connection first = connection(40001);
        save("sip:alice@example.org", "sip:alice@10.0.0.5;transport=tcp", first);
        save("sip:bob@example.org", "sip:bob@10.0.0.6;transport=tcp", connection(40002));
        save("sip:carol@example.org", "sip:carol@10.0.0.7",
                Flow.of(Transport.UDP, GATEWAY, new InetSocketAddress("198.51.100.7", 40001)));

        closed.accept(first);

        assertEquals(List.of(), location.lookup("sip:alice@example.org"));
        assertEquals(1, location.lookup("sip:bob@example.org").size());
        assertEquals(1, location.lookup("sip:carol@example.org").size());
    }

    @Test
    void aBindingThatMovedToANewConnectionStays() {
        save("sip:alice@example.org", "sip:alice@10.0.0.5;transport=tcp", connection(40001));
        Flow.Connection now = connection(40003);
        save("sip:alice@example.org", "sip:alice@10.0.0.5;transport=tcp", now);

        closed.accept(connection(40001));

        assertEquals(List.of(now), location.lookup("sip:alice@example.org").stream().map(Binding::received).toList());
    }

    @Test
    void aBindingRemovedMeanwhileIsForgotten() {
        Flow.Connection first = connection(40001);
        save("sip:alice@example.org", "sip:alice@10.0.0.5;transport=tcp", first);
        location.remove("sip:alice@example.org", "sip:alice@10.0.0.5;transport=tcp");
        save("sip:alice@example.org", "sip:alice@10.0.0.9;transport=tcp", connection(40004));

        closed.accept(first);

        assertEquals(1, location.lookup("sip:alice@example.org").size());
    }

    private static Flow.Connection connection(int port) {
        return new Flow.Connection(Transport.TCP, GATEWAY, new InetSocketAddress("198.51.100.7", port));
    }

    private void save(String aor, String contact, Flow flow) {
        Instant now = clock.instant();
        Binding binding = new Binding(aor, contact, flow, NodeId.LOCAL, Set.of(), now.plusSeconds(600), 1000, "call",
                1, Optional.empty(), OptionalInt.empty(), "", now, now, List.of());
        location.save(aor, current -> List.of(binding));
    }
}
