package org.natterjack.webadmin.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.natterjack.store.Store;
import org.natterjack.store.StoreException;

/** The audit log in the store: every change made through the web admin, newest first when read. */
public final class AuditLog {

    private final Store store;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditLog(Store store, ObjectMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records a change; {@code before} and {@code after} are written as JSON (null: none). Never pass secrets.
     */
    public void record(String actor, String action, String target, Object before, Object after) {
        String sql = "INSERT INTO audit_log (at, actor, action, target, old_value, new_value)"
                + " VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, clock.instant().toString());
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, target);
            ps.setString(5, toJson(before));
            ps.setString(6, toJson(after));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write the audit log: " + e.getMessage(), e);
        }
    }

    /** The newest {@code limit} entries, newest first. */
    public List<AuditEntry> latest(int limit) {
        List<AuditEntry> entries = new ArrayList<>();
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, at, actor, action, target, old_value, new_value FROM audit_log ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), nullToEmpty(rs.getString(6)),
                            nullToEmpty(rs.getString(7))));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit log: " + e.getMessage(), e);
        }
    }

    /** The entries as CSV (RFC 4180), oldest last like {@link #latest}. */
    public static String csv(List<AuditEntry> entries) {
        StringBuilder out = new StringBuilder("id,at,actor,action,target,old,new\r\n");
        for (AuditEntry e : entries) {
            out.append(e.id()).append(',').append(e.at()).append(',').append(field(e.actor())).append(',')
                    .append(field(e.action())).append(',').append(field(e.target())).append(',')
                    .append(field(e.oldValue())).append(',').append(field(e.newValue())).append("\r\n");
        }
        return out.toString();
    }

    /** A CSV field, quoted; a leading = + - @ is defused so a spreadsheet does not run it as a formula. */
    private static String field(String value) {
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
