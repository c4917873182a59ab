package org.natterjack.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.natterjack.config.ListenAddress;
import org.natterjack.config.NodeSettings;
import org.natterjack.location.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's view of the nodes that share its store: it heartbeats, and from the others' heartbeats tells which
 * are alive (their bindings are offered) and where to send them SIP for the flows they hold.
 *
 * <p>The view is refreshed with each heartbeat and served from memory, so a lost database leaves the last view in
 * place (a node is not declared dead because this one cannot see the database) and costs no call a query.
 */
public final class NodeRegistry implements PeerNodes {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);

    private final NodeTable table;
    private final NodeSettings settings;
    private final NodeId self;
    private String sipAddress;
    private String version;
    private IntSupplier calls;
    private volatile Map<NodeId, Node> view = Map.of();
    private volatile Set<NodeId> alive = Set.of();
    private volatile Set<InetAddress> peers = Set.of();
    private boolean failing;
    private long beats;

    public NodeRegistry(NodeTable table, NodeSettings settings, NodeId self) {
        this.table = table;
        this.settings = settings;
        this.self = self;
    }

    /**
     * Enters this node in the table, reachable at {@code sipAddress} (HOST:PORT), and reads the others; before the
     * first {@link #beat}.
     *
     * @throws RuntimeException from the store when it cannot be reached (the node must not start unseen)
     */
    public synchronized void join(String sipAddress, String version, IntSupplier calls) {
        this.sipAddress = sipAddress;
        this.version = version;
        this.calls = calls;
        table.join(self, sipAddress, version);
        refresh(table.nodes(false));
        LOG.info("Node {} joined at {}; nodes alive: {}", self, sipAddress, alive);
    }

    /** Renews the heartbeat and the view; for a job every {@code node.heartbeat-seconds}. */
    public synchronized void beat() {
        try {
            if (!table.heartbeat(self, calls.getAsInt())) {
                LOG.warn("Node {} was removed from the store while silent; joining again", self);
                table.join(self, sipAddress, version);
            }
            refresh(table.nodes(false));
            if (++beats % Math.max(1, 60 / settings.heartbeatSeconds()) == 0) {
                int removed = table.removeSilent(settings.graceSeconds() * 1000L);
                if (removed > 0) {
                    LOG.info("Removed {} bindings of nodes silent for over {} s", removed, settings.graceSeconds());
                }
            }
            if (failing) {
                LOG.info("Node heartbeats are written again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.error("Cannot write node {}'s heartbeat (keeping the last view of the nodes; logged once): {}",
                        self, e.getMessage());
                failing = true;
            }
        }
    }

    private void refresh(List<Node> nodes) {
        Duration deadAfter = Duration.ofSeconds(settings.deadAfterSeconds());
        Map<NodeId, Node> next = nodes.stream().collect(Collectors.toUnmodifiableMap(Node::id, Function.identity()));
        Set<NodeId> nextAlive = nodes.stream().filter(n -> n.id().equals(self) || n.silence().compareTo(deadAfter) < 0)
                .map(Node::id).collect(Collectors.toUnmodifiableSet());
        for (Node n : nodes) {
            if (alive.contains(n.id()) && !nextAlive.contains(n.id())) {
                LOG.warn("Node {} ({}) is dead: no heartbeat for {} s; its bindings are no longer offered", n.id(),
                        n.sipAddress(), n.silence().toSeconds());
            } else if (!alive.contains(n.id()) && nextAlive.contains(n.id()) && !view.isEmpty()) {
                LOG.info("Node {} ({}) is alive", n.id(), n.sipAddress());
            }
        }
        view = next;
        alive = nextAlive;
        peers = nodes.stream().filter(n -> !n.id().equals(self)).map(n -> address(n).getAddress())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public NodeId self() {
        return self;
    }

    /** True for this node and for the nodes heard from within {@code node.dead-after-seconds}. */
    public boolean alive(NodeId node) {
        return node.equals(self) || alive.contains(node);
    }

    /** Where {@code node} takes SIP from the other nodes. */
    @Override
    public Optional<InetSocketAddress> sipAddress(NodeId node) {
        return Optional.ofNullable(view.get(node)).map(NodeRegistry::address);
    }

    /** True if {@code source} is the address of another node of the store (alive or not). */
    @Override
    public boolean isPeer(InetAddress source) {
        return peers.contains(source);
    }

    /** Every node with its bindings counted, for the web admin (a query, not the cached view). */
    public List<Node> nodes() {
        return table.nodes(true);
    }

    private static InetSocketAddress address(Node node) {
        return ListenAddress.parse(node.sipAddress()).socketAddress();
    }
}
