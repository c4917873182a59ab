package org.natterjack.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/** The operator's settings overrides: one JSON object of overridden keys per configuration section. */
public final class SettingsRepository {

    private final Store store;
    private final Clock clock;

    public SettingsRepository(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The overrides by section name. */
    public Map<String, String> all() {
        try (Connection c = store.connect()) {
            return readAll(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read settings overrides: " + e.getMessage(), e);
        }
    }

    /** Stores the overrides of {@code section}; an empty object ({@code {}}) removes them. */
    public void save(String section, String json) {
        try (Connection c = store.connect()) {
            write(c, section, json);
        } catch (SQLException e) {
            throw new StoreException("cannot save settings of " + section + ": " + e.getMessage(), e);
        }
    }

    /** Replaces every override within the caller's transaction (a restore). */
    public void replaceAll(Connection c, Map<String, String> overrides) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM settings_override");
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            write(c, e.getKey(), e.getValue());
        }
    }

    public static Map<String, String> readAll(Connection c) throws SQLException {
        Map<String, String> all = new TreeMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT section, json FROM settings_override")) {
            while (rs.next()) {
                all.put(rs.getString(1), rs.getString(2));
            }
        }
        return all;
    }

    private void write(Connection c, String section, String json) throws SQLException {
        if (json.isBlank() || json.replaceAll("\\s", "").equals("{}")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM settings_override WHERE section = ?")) {
                ps.setString(1, section);
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO settings_override (section, json, changed_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (section) DO UPDATE SET json = excluded.json,"
                + " changed_at = excluded.changed_at")) {
            ps.setString(1, section);
            ps.setString(2, json);
            ps.setLong(3, clock.millis());
            ps.executeUpdate();
        }
    }
}
