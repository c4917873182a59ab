package org.natterjack.pstn.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.natterjack.pstn.api.AdapterChoice;
import org.natterjack.store.Store;
import org.natterjack.store.StoreException;

/**
 * The operator's on/off choice for the PSTN adapter (table {@code pstn_adapter_switch}). It belongs to this
 * host (whether it has cards), so it is not part of the configuration backup.
 */
public final class AdapterSwitchRepository {

    private final Store store;

    /** Brings the store's pstn tables up to date first. */
    public AdapterSwitchRepository(Store store) {
        store.migrate("pstn");
        this.store = store;
    }

    /** The last choice made in the web admin; empty while none was (the configuration file decides). */
    public Optional<AdapterChoice> choice() {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT enabled, changed_by, changed_at FROM pstn_adapter_switch WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new AdapterChoice(rs.getInt(1) != 0, rs.getString(2),
                    Instant.parse(rs.getString(3)))) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read the PSTN adapter's switch: " + e.getMessage(), e);
        }
    }

    public void save(AdapterChoice choice) {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO pstn_adapter_switch"
                     + " (id, enabled, changed_by, changed_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE"
                     + " SET enabled = excluded.enabled, changed_by = excluded.changed_by,"
                     + " changed_at = excluded.changed_at")) {
            ps.setInt(1, choice.enabled() ? 1 : 0);
            ps.setString(2, choice.by());
            ps.setString(3, choice.at().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot save the PSTN adapter's switch: " + e.getMessage(), e);
        }
    }
}
