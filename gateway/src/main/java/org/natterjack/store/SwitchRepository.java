package org.natterjack.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Operators' on/off choices for plug-ins' running parts (table {@code plugin_switch}), by plug-in name. They
 * belong to this host (whether it has cards, whether it faces agents), so they are not part of the backup.
 */
public final class SwitchRepository {

    private final Store store;

    public SwitchRepository(Store store) {
        this.store = store;
    }

    /** The last choice made in the web admin; empty while none was (the configuration file decides). */
    public Optional<SwitchChoice> choice(String plugin) {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT enabled, changed_by, changed_at FROM plugin_switch WHERE plugin = ?")) {
            ps.setString(1, plugin);
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
             PreparedStatement ps = c.prepareStatement("INSERT INTO plugin_switch"
                     + " (plugin, enabled, changed_by, changed_at) VALUES (?, ?, ?, ?) ON CONFLICT (plugin) DO UPDATE"
                     + " SET enabled = excluded.enabled, changed_by = excluded.changed_by,"
                     + " changed_at = excluded.changed_at")) {
            ps.setString(1, plugin);
            ps.setInt(2, choice.enabled() ? 1 : 0);
            ps.setString(3, choice.by());
            ps.setString(4, choice.at().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot save the " + plugin + " switch: " + e.getMessage(), e);
        }
    }
}
