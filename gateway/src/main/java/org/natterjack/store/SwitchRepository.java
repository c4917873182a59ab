package org.natterjack.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.natterjack.location.NodeId;

/**
 * Operators' on/off choices for plug-ins' running parts (table {@code node_switch}), by node and plug-in name. They
 * belong to this host (whether it has cards, whether it faces agents), so each node of a shared store has its own,
 * and they are not part of the backup.
 */
public final class SwitchRepository {

    private final Store store;
    private final NodeId node;

    public SwitchRepository(Store store, NodeId node) {
        this.store = store;
        this.node = node;
    }

    /** The last choice made in the web admin; empty while none was (the configuration file decides). */
    public Optional<SwitchChoice> choice(String plugin) {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT enabled, changed_by, changed_at FROM node_switch WHERE node = ? AND plugin = ?")) {
            ps.setString(1, node.name());
            ps.setString(2, plugin);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SwitchChoice(rs.getInt(1) != 0, rs.getString(2),
                        Instant.parse(rs.getString(3)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the " + plugin + " switch: " + e.getMessage(), e);
        }
    }

    public void save(String plugin, SwitchChoice choice) {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO node_switch"
                     + " (node, plugin, enabled, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)"
                     + " ON CONFLICT (node, plugin) DO UPDATE SET enabled = excluded.enabled,"
                     + " changed_by = excluded.changed_by, changed_at = excluded.changed_at")) {
            ps.setString(1, node.name());
            ps.setString(2, plugin);
            ps.setInt(3, choice.enabled() ? 1 : 0);
            ps.setString(4, choice.by());
            ps.setString(5, choice.at().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot save the " + plugin + " switch: " + e.getMessage(), e);
        }
    }
}
