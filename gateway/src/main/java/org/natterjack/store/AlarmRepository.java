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

/** The alarm history (table {@code alarm}): the latest {@value #KEPT} raisings are kept. Not part of the backup. */
public final class AlarmRepository implements AlarmLog {

    static final int KEPT = 1000;

    private final Store store;

    public AlarmRepository(Store store) {
        this.store = store;
    }

    @Override
    public void raised(Alarm alarm) {
        try (Connection c = store.connect()) {
            try (PreparedStatement update = c.prepareStatement("UPDATE alarm SET severity = ?, text = ?"
                    + " WHERE condition = ? AND raised_at = ? AND cleared_at IS NULL")) {
                update.setString(1, alarm.severity().name());
                update.setString(2, alarm.text());
                update.setString(3, alarm.condition());
                update.setString(4, alarm.raised().toString());
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO alarm (condition, severity, text,"
                    + " raised_at) VALUES (?, ?, ?, ?)");
                 PreparedStatement trim = c.prepareStatement("DELETE FROM alarm WHERE id <= (SELECT MAX(id) FROM"
                         + " alarm) - " + KEPT)) {
                insert.setString(1, alarm.condition());
                insert.setString(2, alarm.severity().name());
                insert.setString(3, alarm.text());
                insert.setString(4, alarm.raised().toString());
                insert.executeUpdate();
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
                     + " WHERE condition = ? AND raised_at = ? AND cleared_at IS NULL")) {
            ps.setString(1, alarm.cleared().orElseThrow().toString());
            ps.setString(2, alarm.condition());
            ps.setString(3, alarm.raised().toString());
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
                     + " FROM alarm ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
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
             PreparedStatement ps = c.prepareStatement("UPDATE alarm SET cleared_at = ? WHERE cleared_at IS NULL")) {
            ps.setString(1, at.toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot close the alarms of the previous run: " + e.getMessage(), e);
        }
    }
}
