package org.natterjack.store;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.natterjack.config.StoreSettings;
import org.natterjack.nat.NatIndication;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.location.Binding;
import org.natterjack.location.NodeId;
import org.natterjack.net.IpLiteral;
import org.natterjack.location.BindingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists bindings behind the in-memory location service (write-behind).
 *
 * <p>Changes are coalesced per binding and written in one transaction by {@link #flush()}, so a client
 * refreshing every minute costs one row write per flush, not one per REGISTER. A crash loses at most the
 * changes since the last flush; the clients concerned simply register again.
 */
public final class BindingRepository implements BindingListener {

    private static final Logger LOG = LoggerFactory.getLogger(BindingRepository.class);

    private record PendingWrite(Binding binding, boolean delete) {
    }

    /** The channel on which a node of a shared store names the AORs whose bindings it just wrote. */
    static final String CHANNEL = "natterjack_bindings";

    private final Store store;
    private final Clock clock;
    private final NodeId node;
    private final int backlogLimit;
    private final ConcurrentHashMap<String, PendingWrite> pending = new ConcurrentHashMap<>();
    private volatile Optional<String> failure = Optional.empty();

    public BindingRepository(Store store, Clock clock) {
        this(store, clock, NodeId.LOCAL, StoreSettings.DEFAULT_WRITE_BACKLOG);
    }

    /**
     * Bindings written by {@code node}, which names itself when it tells the other nodes of a shared store; while the
     * store refuses writes, at most {@code backlogLimit} changes wait before {@link #backlogFull()}.
     */
    public BindingRepository(Store store, Clock clock, NodeId node, int backlogLimit) {
        this.store = store;
        this.clock = clock;
        this.node = node;
        this.backlogLimit = backlogLimit;
    }

    /**
     * True while the store refuses writes and the changes waiting for it reached the limit: registrations that would
     * add more are to be refused (503) until it takes them, so that none acknowledged is lost to memory.
     */
    public boolean backlogFull() {
        return failure.isPresent() && pending.size() >= backlogLimit;
    }

    @Override
    public void saved(Binding binding) {
        pending.put(id(binding), new PendingWrite(binding, false));
    }

    @Override
    public void removed(Binding binding) {
        pending.put(id(binding), new PendingWrite(binding, true));
    }

    /** Writes all pending changes in one transaction; on failure they stay pending for the next flush. */
    public synchronized int flush() {
        if (pending.isEmpty()) {
            return 0;
        }
        List<Map.Entry<String, PendingWrite>> batch = new ArrayList<>(pending.entrySet());
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement upsert = c.prepareStatement(UPSERT);
                 PreparedStatement delete = c.prepareStatement(
                         "DELETE FROM binding WHERE aor = ? AND binding_key = ?")) {
                for (Map.Entry<String, PendingWrite> e : batch) {
                    Binding b = e.getValue().binding();
                    if (e.getValue().delete()) {
                        delete.setString(1, b.aor());
                        delete.setString(2, b.key());
                        delete.addBatch();
                    } else {
                        bind(upsert, b);
                        upsert.addBatch();
                    }
                }
                upsert.executeBatch();
                delete.executeBatch();
            }
            if (store.shared()) {
                announce(c, batch.stream().map(e -> e.getValue().binding().aor()).distinct().toList());
            }
            c.commit();
        } catch (SQLException e) {
            if (failure.isEmpty()) {
                LOG.error("Could not persist {} binding changes to {} (retrying every flush, logged once): {}",
                        batch.size(), store.name(), e.getMessage());
            }
            failure = Optional.of("cannot write bindings to " + store.name() + ": " + e.getMessage() + "; "
                    + pending.size() + " changes waiting" + (pending.size() >= backlogLimit
                    ? ", the limit: new registrations are refused (503)" : ""));
            return 0;
        }
        if (failure.isPresent()) {
            LOG.info("Binding changes are written to {} again", store.name());
            failure = Optional.empty();
        }
        // Drop only what was written; a change that arrived meanwhile stays pending.
        batch.forEach(e -> pending.remove(e.getKey(), e.getValue()));
        return batch.size();
    }

    /**
     * Tells the other nodes which AORs changed, in the flush's transaction: {@code node} on the first line, then
     * one AOR per line, in as many notifications as the payload limit needs.
     */
    private void announce(Connection c, List<String> aors) throws SQLException {
        StringBuilder payload = new StringBuilder(node.name());
        for (String aor : aors) {
            if (payload.length() + 1 + aor.length() > StoreChanges.MAX_PAYLOAD) {
                StoreChanges.announce(c, CHANNEL, payload.toString());
                payload.setLength(0);
                payload.append(node.name());
            }
            payload.append('\n').append(aor);
        }
        StoreChanges.announce(c, CHANNEL, payload.toString());
    }

    /**
     * The stored bindings of {@code aors} (all nodes'), for a node of a shared store that heard they changed. One
     * statement whatever the number of AORs (an array parameter), so that PostgreSQL plans it once.
     */
    public List<Binding> of(Collection<String> aors) {
        if (aors.isEmpty()) {
            return List.of();
        }
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + READ_COLUMNS + " FROM binding WHERE aor = ANY (?) AND expires_at > ?")) {
            ps.setArray(1, c.createArrayOf("text", aors.toArray()));
            ps.setLong(2, clock.millis());
            return readRows(ps).bindings();
        } catch (SQLException e) {
            throw new StoreException("cannot read bindings from " + store.name() + ": " + e.getMessage(), e);
        }
    }

    /** Every live stored binding held by another node than {@code self}, for a node that may have missed changes. */
    public List<Binding> heldElsewhere(NodeId self) {
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + READ_COLUMNS + " FROM binding WHERE node <> ? AND expires_at > ?")) {
            ps.setString(1, self.name());
            ps.setLong(2, clock.millis());
            return readRows(ps).bindings();
        } catch (SQLException e) {
            throw new StoreException("cannot read bindings from " + store.name() + ": " + e.getMessage(), e);
        }
    }

    /** Rows read as bindings, and how many could not be (a kind of flow this release does not know). */
    private record Rows(List<Binding> bindings, int unreadable) {
    }

    private static Rows readRows(PreparedStatement ps) throws SQLException {
        List<Binding> rows = new ArrayList<>();
        int unreadable = 0;
        RowReader reader = new RowReader();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    rows.add(reader.read(rs));
                } catch (IllegalArgumentException e) {
                    // A newer release may have stored a kind of flow this one cannot use; its client registers
                    // again, and the row stays for that release.
                    unreadable++;
                    LOG.debug("Binding {} of {} left unused: {}", rs.getString(2), rs.getString(1), e.getMessage());
                }
            }
        }
        return new Rows(rows, unreadable);
    }

    /** Why the last flush failed; empty once one succeeds. */
    public Optional<String> failure() {
        return failure;
    }

    /** Deletes expired rows and returns the live bindings, for the location service at start-up. */
    public List<Binding> loadLive() {
        return loadLive(false);
    }

    /**
     * Deletes expired rows and returns the live bindings, or with {@code ownOnly} those this node holds: with a shared
     * store the node serves as soon as it has its own, and the others' arrive through {@link BindingReplication}.
     */
    public List<Binding> loadLive(boolean ownOnly) {
        long now = clock.millis();
        try (Connection c = store.connect()) {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM binding WHERE expires_at <= ?")) {
                purge.setLong(1, now);
                int purged = purge.executeUpdate();
                if (purged > 0) {
                    LOG.info("Purged {} bindings that expired while the gateway was down", purged);
                }
            }
            // In a transaction with a fetch size PostgreSQL streams the rows through a cursor, rather than holding
            // a million of them in the driver at once.
            c.setAutoCommit(false);
            Rows rows;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + READ_COLUMNS + " FROM binding"
                    + (ownOnly ? " WHERE node = ?" : ""))) {
                if (ownOnly) {
                    ps.setString(1, node.name());
                }
                ps.setFetchSize(10_000);
                rows = readRows(ps);
            }
            c.commit();
            if (rows.unreadable() > 0) {
                LOG.warn("{} stored bindings have flows this release cannot use; those clients must register"
                        + " again", rows.unreadable());
            }
            return rows.bindings();
        } catch (SQLException e) {
            throw new StoreException("cannot load bindings from " + store.name() + ": " + e.getMessage(), e);
        }
    }

    private static final String COLUMNS = "aor, binding_key, contact, transport, received_address, received_port,"
            + " local_address, local_port, nat, expires_at, q, call_id, cseq, instance_id, reg_id, user_agent,"
            + " first_seen, last_seen, flow, node, path";

    /**
     * {@link #COLUMNS} for reading: the pre-V8 flow columns only for rows an older release wrote (no flow), so that a
     * million rows are not decoded twice over at start.
     */
    private static final String READ_COLUMNS = "aor, binding_key, contact,"
            + " CASE WHEN flow IS NULL THEN transport END, CASE WHEN flow IS NULL THEN received_address END,"
            + " received_port, CASE WHEN flow IS NULL THEN local_address END, local_port, nat, expires_at, q, call_id,"
            + " cseq, instance_id, reg_id, user_agent, first_seen, last_seen, flow, node, path";

    private static final String UPSERT = "INSERT INTO binding (" + COLUMNS + ")"
            + " VALUES (?" + ", ?".repeat(COLUMNS.split(",").length - 1) + ")"
            + " ON CONFLICT (aor, binding_key) DO UPDATE SET "
            + Arrays.stream(COLUMNS.split(",\\s*")).skip(2).map(c -> c + " = excluded." + c)
                    .collect(Collectors.joining(", "));

    private static void bind(PreparedStatement ps, Binding b) throws SQLException {
        ps.setString(1, b.aor());
        ps.setString(2, b.key());
        ps.setString(3, b.contact());
        ps.setString(4, b.received().transport().name());
        ps.setString(5, b.received().remote().getAddress().getHostAddress());
        ps.setInt(6, b.received().remote().getPort());
        ps.setString(7, b.received().local().getAddress().getHostAddress());
        ps.setInt(8, b.received().local().getPort());
        ps.setString(9, b.nat().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        ps.setLong(10, b.expires().toEpochMilli());
        ps.setInt(11, b.qValue());
        ps.setString(12, b.callId());
        ps.setLong(13, b.cseq());
        ps.setString(14, b.instanceId().orElse(null));
        if (b.regId().isPresent()) {
            ps.setInt(15, b.regId().getAsInt());
        } else {
            ps.setNull(15, Types.INTEGER);
        }
        ps.setString(16, b.userAgent());
        ps.setLong(17, b.firstSeen().toEpochMilli());
        ps.setLong(18, b.lastSeen().toEpochMilli());
        ps.setString(19, b.received().encode());
        ps.setString(20, b.node().name());
        ps.setString(21, b.path().isEmpty() ? null : String.join("\n", b.path()));
    }

    /**
     * Reads binding rows, sharing the values that many rows repeat (node names, NAT evidence, user agents) instead of
     * making one of each per row: a node of a large shared store reads a million rows at start.
     */
    private static final class RowReader {

        private static final int MAX_SHARED_USER_AGENTS = 10_000;

        private final Map<String, NodeId> nodes = new HashMap<>();
        private final Map<String, Set<NatIndication>> nats = new HashMap<>();
        private final Map<String, String> userAgents = new HashMap<>();

        Binding read(ResultSet rs) throws SQLException {
            String flowText = rs.getString(19);
            Flow flow = flowText != null ? Flow.decode(flowText) : Flow.of(Transport.of(rs.getString(4)),
                    socketAddress(rs.getString(7), rs.getInt(8)), socketAddress(rs.getString(5), rs.getInt(6)));
            Set<NatIndication> nat = nats.computeIfAbsent(rs.getString(9), RowReader::natOf);
            int regId = rs.getInt(15);
            OptionalInt regIdValue = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(regId);
            String path = rs.getString(21);
            return new Binding(rs.getString(1), rs.getString(3), flow, nodes.computeIfAbsent(rs.getString(20),
                    NodeId::new), nat, Instant.ofEpochMilli(rs.getLong(10)), rs.getInt(11), rs.getString(12),
                    rs.getLong(13), Optional.ofNullable(rs.getString(14)), regIdValue, userAgent(rs.getString(16)),
                    Instant.ofEpochMilli(rs.getLong(17)), Instant.ofEpochMilli(rs.getLong(18)),
                    path == null ? List.of() : List.of(path.split("\n")));
        }

        private String userAgent(String text) {
            String shared = userAgents.get(text);
            if (shared != null) {
                return shared;
            }
            if (userAgents.size() < MAX_SHARED_USER_AGENTS) {
                userAgents.put(text, text);
            }
            return text;
        }

        private static Set<NatIndication> natOf(String text) {
            return text.isEmpty() ? Set.of() : Set.copyOf(Arrays.stream(text.split(",")).map(NatIndication::valueOf)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(NatIndication.class))));
        }
    }

    private static InetSocketAddress socketAddress(String address, int port) {
        return new InetSocketAddress(IpLiteral.parse(address)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address: '" + address + "'")), port);
    }

    private static String id(Binding b) {
        return b.aor() + '\n' + b.key();
    }
}
