package org.natterjack.pstn.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.natterjack.pstn.trunk.LineType;
import org.natterjack.pstn.trunk.Presentation;
import org.natterjack.pstn.trunk.PstnPlan;
import org.natterjack.pstn.trunk.Span;
import org.natterjack.pstn.trunk.Trunk;
import org.natterjack.pstn.trunk.TrunkType;
import org.natterjack.store.Store;
import org.natterjack.store.StoreException;

/**
 * Trunks and spans in the store. Every change is checked against the whole plan ({@link PstnPlan}) inside
 * the transaction that writes it; safe while the gateway runs (it notices the change and regenerates).
 */
public final class PstnRepository {

    private static final String TRUNK_COLUMNS = "name, type, dahdi_group, peer, presentation, caller_id, failover,"
            + " description, inbound_number";

    private final Store store;

    /** Brings the store's trunk and span tables up to date (migrations in {@code db/pstn}) first. */
    public PstnRepository(Store store) {
        store.migrate("pstn");
        this.store = store;
    }

    public PstnPlan plan() {
        try (Connection c = store.connect()) {
            return read(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read trunks: " + e.getMessage(), e);
        }
    }

    public void addTrunk(Trunk trunk) {
        change(plan -> plan.withTrunk(trunk), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pstn_trunk (" + TRUNK_COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, trunk);
                ps.executeUpdate();
            }
        });
    }

    /** Replaces the settings of the trunk named as {@code trunk} is (a trunk keeps its name). */
    public void updateTrunk(Trunk trunk) {
        change(plan -> plan.withTrunkReplaced(trunk), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pstn_trunk SET "
                    + TRUNK_COLUMNS.replace(",", " = ?,") + " = ? WHERE name = ?")) {
                bind(ps, trunk);
                ps.setString(10, trunk.name());
                ps.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement ps, Trunk trunk) throws SQLException {
        ps.setString(1, trunk.name());
        ps.setString(2, trunk.type().label());
        ps.setInt(3, trunk.group());
        ps.setString(4, trunk.peer().map(Trunk.Peer::toString).orElse(null));
        ps.setString(5, trunk.presentation().label());
        ps.setString(6, trunk.callerId().orElse(null));
        ps.setString(7, trunk.failover().orElse(null));
        ps.setString(8, trunk.description());
        ps.setString(9, trunk.inboundNumber().orElse(null));
    }

    /** Removes trunk {@code name}; false if there is none. */
    public boolean removeTrunk(String name) {
        if (plan().trunk(name).isEmpty()) {
            return false;
        }
        change(plan -> plan.withoutTrunk(name), c -> delete(c, "DELETE FROM pstn_trunk WHERE name = ?", name));
        return true;
    }

    public void addSpan(Span span) {
        change(plan -> plan.withSpan(span), c -> insert(c, span));
    }

    /** Replaces span {@code number} with {@code span}, which may have another number. */
    public void updateSpan(int number, Span span) {
        if (plan().span(number).isEmpty()) {
            throw new IllegalArgumentException("no span " + number);
        }
        change(plan -> plan.withoutSpan(number).withSpan(span), c -> {
            delete(c, "DELETE FROM pstn_span WHERE number = ?", Integer.toString(number));
            insert(c, span);
        });
    }

    private static void insert(Connection c, Span span) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pstn_span (number, trunk, line_type,"
                + " first_channel, channels, timing, lbo, framing, coding, crc4, signalling, switchtype,"
                + " echo_canceller) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, span.number());
            ps.setString(2, span.trunk());
            ps.setString(3, span.type().label());
            ps.setInt(4, span.firstChannel());
            ps.setInt(5, span.channels());
            ps.setInt(6, span.timing());
            ps.setInt(7, span.lbo());
            ps.setString(8, span.framing());
            ps.setString(9, span.coding());
            ps.setInt(10, span.crc4() ? 1 : 0);
            ps.setString(11, span.signalling());
            ps.setString(12, span.switchtype());
            ps.setString(13, span.echoCanceller());
            ps.executeUpdate();
        }
    }

    /** Removes span {@code number}; false if there is none. */
    public boolean removeSpan(int number) {
        if (plan().spans().stream().noneMatch(s -> s.number() == number)) {
            return false;
        }
        change(plan -> plan.withoutSpan(number),
                c -> delete(c, "DELETE FROM pstn_span WHERE number = ?", Integer.toString(number)));
        return true;
    }

    private interface Write {
        void apply(Connection c) throws SQLException;
    }

    /** Checks {@code check} against the stored plan and writes, in one transaction. */
    private void change(UnaryOperator<PstnPlan> check, Write write) {
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            try {
                check.apply(read(c));
                write.apply(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot change trunks: " + e.getMessage(), e);
        }
    }

    private static void delete(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    /**
     * The plan as stored on {@code c} (within its transaction).
     *
     * @throws IllegalArgumentException if the trunks and spans do not form a valid plan
     */
    static PstnPlan read(Connection c) throws SQLException {
        List<Trunk> trunks = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT name, type, dahdi_group, peer, presentation, caller_id,"
                    + " failover, description, inbound_number FROM pstn_trunk")) {
                while (rs.next()) {
                    trunks.add(new Trunk(rs.getString(1), TrunkType.parse(rs.getString(2)), rs.getInt(3),
                            Optional.ofNullable(rs.getString(4)).map(Trunk.Peer::parse),
                            Presentation.parse(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                            Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(9)),
                            rs.getString(8)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT number, trunk, line_type, first_channel, channels, timing,"
                    + " lbo, framing, coding, crc4, signalling, switchtype, echo_canceller FROM pstn_span")) {
                while (rs.next()) {
                    spans.add(new Span(rs.getInt(1), rs.getString(2), LineType.parse(rs.getString(3)), rs.getInt(4),
                            rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getString(9),
                            rs.getInt(10) == 1, rs.getString(11), rs.getString(12), rs.getString(13)));
                }
            }
        }
        return new PstnPlan(trunks, spans);
    }
}
