package org.natterjack.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.natterjack.cluster.Node;
import org.natterjack.cluster.NodeTable;
import org.natterjack.location.NodeId;

/** The nodes sharing the store (table {@code gateway_node}), their heartbeats in the database's clock. */
public final class NodeRepository implements NodeTable {

    private final Store store;
    private final String now;

    public NodeRepository(Store store) {
        this.store = store;
        this.now = store.engine().nowMillis();
    }

    @Override
    public void join(NodeId node, String sipAddress, String version) {
        String sql = "INSERT INTO gateway_node (name, sip_address, version, started_ms, heartbeat_ms, calls)"
                + " VALUES (?, ?, ?, " + now + ", " + now + ", 0) ON CONFLICT (name) DO UPDATE SET"
                + " sip_address = excluded.sip_address, version = excluded.version, started_ms = excluded.started_ms,"
                + " heartbeat_ms = excluded.heartbeat_ms, calls = 0";
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, node.name());
            ps.setString(2, sipAddress);
            ps.setString(3, version);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot enter node " + node + " in " + store.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean heartbeat(NodeId node, int calls) {
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE gateway_node SET heartbeat_ms = " + now + ", calls = ? WHERE name = ?")) {
            ps.setInt(1, calls);
            ps.setString(2, node.name());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot write the heartbeat of " + node + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Node> nodes(boolean countBindings) {
        try (Connection c = store.connect()) {
            Map<String, Long> bindings = countBindings ? bindingsByNode(c) : Map.of();
            List<Node> nodes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, sip_address, version, started_ms, "
                    + now + " - heartbeat_ms, calls FROM gateway_node ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    nodes.add(new Node(new NodeId(rs.getString(1)), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4)), Duration.ofMillis(Math.max(0, rs.getLong(5))),
                            rs.getInt(6), bindings.getOrDefault(rs.getString(1), 0L)));
                }
            }
            return nodes;
        } catch (SQLException e) {
            throw new StoreException("cannot read the nodes of " + store.name() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> bindingsByNode(Connection c) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT node, COUNT(*) FROM binding GROUP BY node");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    @Override
    public int removeSilent(long graceMillis) {
        String silent = "SELECT name FROM gateway_node WHERE " + now + " - heartbeat_ms > ?";
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement bindings = c.prepareStatement("DELETE FROM binding WHERE node IN (" + silent + ")");
                 PreparedStatement nodes = c.prepareStatement("DELETE FROM gateway_node WHERE name IN (" + silent
                         + ")")) {
                bindings.setLong(1, graceMillis);
                int removed = bindings.executeUpdate();
                nodes.setLong(1, graceMillis);
                nodes.executeUpdate();
                c.commit();
                return removed;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot remove silent nodes: " + e.getMessage(), e);
        }
    }
}
