package org.natterjack.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.natterjack.routing.RoutingRule;
import org.natterjack.routing.RoutingTable;
import org.natterjack.routing.RuleSpec;

/**
 * The routing rules in the store. The proxy reads an immutable {@link RoutingTable} of the rules and the ring
 * groups ({@link GroupRepository}), rebuilt when either was changed from outside (command line, web admin).
 */
public final class RouteRepository implements AutoCloseable {

    private final Store store;
    private final ChangeWatch watch;
    private static final long CHECK_INTERVAL_NANOS = 200_000_000L;

    private volatile RoutingTable table = new RoutingTable(List.of(), List.of());
    private volatile long lastCheck = System.nanoTime();

    public RouteRepository(Store store) {
        this.store = store;
        this.watch = store.watch(Set.of("route_rule", "ring_group", "ring_group_member"));
        refreshIfChanged();
    }

    /**
     * The current table. Checks for changes made from outside at most every 200 ms, so a rule added with
     * the command line applies to the very next call without costing every call a database query.
     */
    public RoutingTable table() {
        long now = System.nanoTime();
        if (now - lastCheck > CHECK_INTERVAL_NANOS) {
            lastCheck = now;
            refreshIfChanged();
        }
        return table;
    }

    /** Adds a rule (validated by parsing it) and returns its id. */
    public long add(RuleSpec spec) {
        spec.toRule(0);
        String sql = "INSERT INTO route_rule (position, match_prefix, match_regex, source, strip, add_prefix,"
                + " replace_regex, replace_with, destination, failover, description)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(sql,
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setInt(1, spec.position());
            ps.setString(2, spec.prefix());
            ps.setString(3, spec.regex());
            ps.setString(4, spec.source());
            ps.setInt(5, spec.strip());
            ps.setString(6, spec.addPrefix());
            ps.setString(7, spec.replace());
            ps.setString(8, spec.replacement());
            ps.setString(9, spec.destination());
            ps.setInt(10, spec.failover() ? 1 : 0);
            ps.setString(11, spec.description());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                store.wrote("route_rule");
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot add route: " + e.getMessage(), e);
        }
    }

    public boolean remove(long id) {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement("DELETE FROM route_rule WHERE id = ?")) {
            ps.setLong(1, id);
            boolean removed = ps.executeUpdate() == 1;
            store.wrote("route_rule");
            return removed;
        } catch (SQLException e) {
            throw new StoreException("cannot remove route " + id + ": " + e.getMessage(), e);
        }
    }

    /** Gives the rules positions 10, 20, 30, ... in the order of {@code ids}, in one transaction. */
    public void reorder(List<Long> ids) {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement("UPDATE route_rule SET position = ? WHERE id = ?")) {
            c.setAutoCommit(false);
            for (int i = 0; i < ids.size(); i++) {
                ps.setInt(1, (i + 1) * 10);
                ps.setLong(2, ids.get(i));
                ps.executeUpdate();
            }
            c.commit();
            store.wrote("route_rule");
        } catch (SQLException e) {
            throw new StoreException("cannot reorder routes: " + e.getMessage(), e);
        }
    }

    /** The rules as stored, in evaluation order. */
    public List<RuleSpec> list() {
        try (Connection c = store.connect()) {
            return readAll(c);
        } catch (SQLException e) {
            throw new StoreException("cannot list routes: " + e.getMessage(), e);
        }
    }

    /** Rebuilds the table if the rules may have changed since the last call; cheap when they have not. */
    public synchronized void refreshIfChanged() {
        try {
            if (!watch.changed()) {
                return;
            }
            try (Connection c = store.connect()) {
                List<RoutingRule> rules = new ArrayList<>();
                for (RuleSpec spec : readAll(c)) {
                    rules.add(spec.toRule(spec.id()));
                }
                table = new RoutingTable(rules, GroupRepository.readAll(c));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read routes: " + e.getMessage(), e);
        }
    }

    private static List<RuleSpec> readAll(Connection c) throws SQLException {
        List<RuleSpec> specs = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT id, position, match_prefix, match_regex, source, strip, add_prefix, replace_regex,"
                        + " replace_with, destination, failover, description FROM route_rule ORDER BY position, id")) {
            while (rs.next()) {
                specs.add(new RuleSpec(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getInt(11) == 1, rs.getString(12)));
            }
        }
        return specs;
    }

    @Override
    public void close() {
        watch.close();
    }
}
