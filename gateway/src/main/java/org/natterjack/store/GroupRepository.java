package org.natterjack.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.natterjack.routing.RingGroup;

/**
 * The ring groups in the store, changed by the command line and the web admin. The proxy sees them in
 * the {@link org.natterjack.routing.RoutingTable} that {@link RouteRepository} rebuilds after any change.
 */
public final class GroupRepository {

    private final Store store;

    public GroupRepository(Store store) {
        this.store = store;
    }

    /** Adds {@code group}; false if a group of that name exists. */
    public boolean add(RingGroup group) {
        return write(group, "INSERT INTO ring_group (strategy, ring_seconds, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                "add");
    }

    /** Replaces the members and settings of the group named as {@code group} is; false if there is none. */
    public boolean update(RingGroup group) {
        return write(group, "UPDATE ring_group SET strategy = ?, ring_seconds = ? WHERE name = ?", "change");
    }

    /** Writes the group row with {@code sql} and, if that touched a row, its member list anew. */
    private boolean write(RingGroup group, String sql, String verb) {
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement g = c.prepareStatement(sql);
                 PreparedStatement clear = c.prepareStatement("DELETE FROM ring_group_member WHERE group_name = ?");
                 PreparedStatement m = c.prepareStatement("INSERT INTO ring_group_member (group_name, position,"
                         + " username) VALUES (?, ?, ?)")) {
                g.setString(1, group.strategy().toString());
                g.setInt(2, group.ringSeconds());
                g.setString(3, group.name());
                if (g.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
                clear.setString(1, group.name());
                clear.executeUpdate();
                for (int i = 0; i < group.members().size(); i++) {
                    m.setString(1, group.name());
                    m.setInt(2, i);
                    m.setString(3, group.members().get(i));
                    m.addBatch();
                }
                m.executeBatch();
                c.commit();
                store.wrote("ring_group");
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + verb + " group " + group.name() + ": " + e.getMessage(), e);
        }
    }

    /** Removes a group and its member list; false if there was none. */
    public boolean remove(String name) {
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement m = c.prepareStatement("DELETE FROM ring_group_member WHERE group_name = ?");
                 PreparedStatement g = c.prepareStatement("DELETE FROM ring_group WHERE name = ?")) {
                m.setString(1, name);
                m.executeUpdate();
                g.setString(1, name);
                boolean removed = g.executeUpdate() == 1;
                c.commit();
                store.wrote("ring_group");
                return removed;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot remove group " + name + ": " + e.getMessage(), e);
        }
    }

    /** The groups by name. */
    public List<RingGroup> list() {
        try (Connection c = store.connect()) {
            return readAll(c);
        } catch (SQLException e) {
            throw new StoreException("cannot list groups: " + e.getMessage(), e);
        }
    }

    static List<RingGroup> readAll(Connection c) throws SQLException {
        Map<String, List<String>> members = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT group_name, username FROM ring_group_member ORDER BY group_name, position")) {
            while (rs.next()) {
                members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        List<RingGroup> groups = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT name, strategy, ring_seconds FROM ring_group ORDER BY name")) {
            while (rs.next()) {
                groups.add(new RingGroup(rs.getString(1), members.getOrDefault(rs.getString(1), List.of()),
                        RingGroup.Strategy.parse(rs.getString(2)), rs.getInt(3)));
            }
        }
        return groups;
    }
}
