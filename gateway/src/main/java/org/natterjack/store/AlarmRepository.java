package org.natterjack.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.natterjack.alarms.Alarm;
import org.natterjack.alarms.AlarmLog;
import org.natterjack.alarms.Severity;
import org.natterjack.location.NodeId;

/**
 * This node's alarm history (table {@code alarm}, rows by node: each node of a shared store checks its own relay,
 * disk and cards): its latest {@value #KEPT} raisings are kept. Not part of the backup.
 */
public final class AlarmRepository implements AlarmLog {

    static final int KEPT = 1000;

    private final Store store;
    private final String node;

    public AlarmRepository(Store store, NodeId node) {
        this.store = store;
        this.node = node.name();
    }

    @Override
    public void raised(Alarm alarm) {
        try (Connection c = store.connect()) {
            try (PreparedStatement update = c.prepareStatement("UPDATE alarm SET severity = ?, text = ?"
                    + " WHERE node = ? AND condition = ? AND raised_at = ? AND cleared_at IS NULL")) {
                update.setString(1, alarm.severity().name());
                update.setString(2, alarm.text());
                update.setString(3, node);
                update.setString(4, alarm.condition());
                update.setString(5, alarm.raised().toString());
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO alarm (node, condition, severity, text,"
                    + " raised_at) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement trim = c.prepareStatement("DELETE FROM alarm WHERE node = ? AND id < (SELECT"
                         + " MIN(id) FROM (SELECT id FROM alarm WHERE node = ? ORDER BY id DESC LIMIT " + KEPT
                         + ") kept)")) {
                insert.setString(1, node);
                insert.setString(2, alarm.condition());
                insert.setString(3, alarm.severity().name());
                insert.setString(4, alarm.text());
                insert.setString(5, alarm.raised().toString());
                insert.executeUpdate();
                trim.setString(1, node);
                trim.setString(2, node);
                trim.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record alarm " + alarm.condition() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void cleared(Alarm alarm) {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement("UPDATE alarm SET cleared_at = ?"
                     + " WHERE node = ? AND condition = ? AND raised_at = ? AND cleared_at IS NULL")) {
            ps.setString(1, alarm.cleared().orElseThrow().toString());
            ps.setString(2, node);
            ps.setString(3, alarm.condition());
            ps.setString(4, alarm.raised().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record the clearing of alarm " + alarm.condition() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<Alarm> latest(int limit) {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement("SELECT condition, severity, text, raised_at, cleared_at"
                     + " FROM alarm WHERE node = ? ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, node);
            ps.setInt(2, limit);
            List<Alarm> alarms = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    alarms.add(new Alarm(rs.getString(1), Severity.valueOf(rs.getString(2)), rs.getString(3),
                            Instant.parse(rs.getString(4)), Optional.ofNullable(rs.getString(5)).map(Instant::parse)));
                }
            }
            return alarms;
        } catch (SQLException e) {
            throw new StoreException("cannot read the alarm history: " + e.getMessage(), e);
        }
    }

    @Override
    public void clearLeftOver(Instant at) {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement("UPDATE alarm SET cleared_at = ?"
                     + " WHERE node = ? AND cleared_at IS NULL")) {
            ps.setString(1, at.toString());
            ps.setString(2, node);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot close the alarms of the previous run: " + e.getMessage(), e);
        }
    }
}
