package org.natterjack.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.natterjack.config.NodeSettings;
import org.natterjack.location.NodeId;

class NodeRegistryTest {

    private static final NodeId A = new NodeId("a");
    private static final NodeId B = new NodeId("b");

    /** A node table whose silences the test sets, and which can fail as a lost database does. */
    private static final class Table implements NodeTable {
        final List<Node> nodes = new ArrayList<>();
        boolean failing;
        boolean present = true;
        int joins;

        @Override
        public void join(NodeId node, String sipAddress, String version) {
            check();
            joins++;
            present = true;
        }

        @Override
        public boolean heartbeat(NodeId node, int calls) {
            check();
            return present;
        }

        @Override
        public List<Node> nodes(boolean countBindings) {
            check();
            return List.copyOf(nodes);
        }

        @Override
        public int removeSilent(long graceMillis) {
            check();
            return 0;
        }

        private void check() {
            if (failing) {
                throw new IllegalStateException("database away");
            }
        }

        void set(NodeId id, String address, long silenceSeconds) {
            nodes.removeIf(n -> n.id().equals(id));
            nodes.add(new Node(id, address, "1", Instant.EPOCH, Duration.ofSeconds(silenceSeconds), 0, 0));
        }
    }

    private final Table table = new Table();
    private final NodeRegistry registry = new NodeRegistry(table, new NodeSettings("a", Optional.empty(), 1, 5, 3600),
            A);

    @Test
    void aNodeSilentBeyondTheBoundIsDeadAndComesBackWithItsHeartbeat() throws Exception {
        table.set(A, "127.0.0.2:5060", 0);
        table.set(B, "127.0.0.3:5070", 1);
        registry.join("127.0.0.2:5060", "1", () -> 0);
        assertTrue(registry.alive(B));
        assertEquals(Optional.of(new InetSocketAddress("127.0.0.3", 5070)), registry.sipAddress(B));
        assertTrue(registry.isPeer(InetAddress.getByName("127.0.0.3")));
        assertFalse(registry.isPeer(InetAddress.getByName("127.0.0.2")), "not itself");

        table.set(B, "127.0.0.3:5070", 6);
        registry.beat();
        assertFalse(registry.alive(B));
        assertTrue(registry.alive(A), "a node is never dead to itself");

        table.set(B, "127.0.0.3:5070", 0);
        registry.beat();
        assertTrue(registry.alive(B));
    }

    @Test
    void aLostDatabaseLeavesTheLastViewAndAnUnknownNodeIsDead() {
        table.set(B, "127.0.0.3:5070", 1);
        registry.join("127.0.0.2:5060", "1", () -> 0);
        table.failing = true;
        table.set(B, "127.0.0.3:5070", 60);

        registry.beat();

        assertTrue(registry.alive(B), "this node's outage is not b's death");
        assertFalse(registry.alive(new NodeId("local")));
    }

    @Test
    void aNodeRemovedWhileSilentJoinsAgain() {
        registry.join("127.0.0.2:5060", "1", () -> 0);
        table.present = false;

        registry.beat();

        assertEquals(2, table.joins);
    }
}
