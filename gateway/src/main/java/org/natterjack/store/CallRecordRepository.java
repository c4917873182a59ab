package org.natterjack.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.natterjack.cdr.CallHistory;
import org.natterjack.cdr.CallMedia;
import org.natterjack.cdr.CallQuery;
import org.natterjack.cdr.CallRecord;
import org.natterjack.cdr.CallRecordSink;
import org.natterjack.cdr.CallRoute;
import org.natterjack.cdr.HungUpBy;
import org.natterjack.cdr.Outcome;
import org.natterjack.cdr.StreamQuality;
import org.natterjack.cdr.VoiceQuality;

/** Call detail records (table {@code call_record}). Not part of the backup. */
public final class CallRecordRepository implements CallRecordSink, CallHistory {

    private static final String COLUMNS = "call_id, started_ms, answered_ms, ended_ms, caller, dialled, callee,"
            + " route, destination, status, reason, q850, outcome, hung_up_by, caller_nat, callee_nat, relayed,"
            + " caller_latched, callee_latched, caller_packets, caller_loss, caller_jitter, callee_packets,"
            + " callee_loss, callee_jitter, mos, one_way_audio, poor, node";

    private static final String INSERT = "INSERT INTO call_record (" + COLUMNS + ") VALUES (?"
            + ", ?".repeat(COLUMNS.split(",").length - 1) + ")";

    private final Store store;

    public CallRecordRepository(Store store) {
        this.store = store;
    }

    @Override
    public void save(List<CallRecord> records) {
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (CallRecord r : records) {
                    bind(ps, r);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write " + records.size() + " call records: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, CallRecord r) throws SQLException {
        int i = 0;
        ps.setString(++i, r.callId());
        ps.setLong(++i, r.started().toEpochMilli());
        setLong(ps, ++i, r.answered().map(Instant::toEpochMilli));
        ps.setLong(++i, r.ended().toEpochMilli());
        ps.setString(++i, r.caller());
        ps.setString(++i, r.route().dialled());
        ps.setString(++i, r.route().callee());
        ps.setString(++i, r.route().rule());
        ps.setString(++i, r.route().destination());
        ps.setInt(++i, r.status());
        ps.setString(++i, r.reason());
        setLong(ps, ++i, r.q850().map(Integer::longValue));
        ps.setString(++i, r.outcome().label());
        ps.setString(++i, r.hungUpBy().map(Enum::name).orElse(null));
        CallMedia m = r.media();
        ps.setInt(++i, m.callerNated() ? 1 : 0);
        ps.setInt(++i, m.calleeNated() ? 1 : 0);
        ps.setInt(++i, m.relayed() ? 1 : 0);
        ps.setString(++i, m.callerLatched().orElse(null));
        ps.setString(++i, m.calleeLatched().orElse(null));
        Optional<VoiceQuality> q = m.quality();
        i = bindStream(ps, i, q.map(VoiceQuality::fromCaller));
        i = bindStream(ps, i, q.map(VoiceQuality::fromCallee));
        Optional<Double> mos = q.flatMap(VoiceQuality::mos);
        if (mos.isPresent()) {
            ps.setDouble(++i, mos.get());
        } else {
            ps.setNull(++i, Types.REAL);
        }
        ps.setInt(++i, q.map(VoiceQuality::oneWayAudio).orElse(false) ? 1 : 0);
        ps.setInt(++i, r.poor() ? 1 : 0);
        ps.setString(++i, r.node());
    }

    private static int bindStream(PreparedStatement ps, int i, Optional<StreamQuality> s) throws SQLException {
        if (s.isPresent()) {
            ps.setLong(++i, s.get().packets());
            ps.setDouble(++i, s.get().lossPercent());
            ps.setDouble(++i, s.get().jitterMillis());
        } else {
            ps.setNull(++i, Types.BIGINT);
            ps.setNull(++i, Types.REAL);
            ps.setNull(++i, Types.REAL);
        }
        return i;
    }

    private static void setLong(PreparedStatement ps, int i, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(i, value.get());
        } else {
            ps.setNull(i, Types.BIGINT);
        }
    }

    @Override
    public List<CallRecord> search(CallQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM call_record WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        query.from().ifPresent(f -> {
            sql.append(" AND started_ms >= ?");
            args.add(f.toEpochMilli());
        });
        query.to().ifPresent(t -> {
            sql.append(" AND started_ms < ?");
            args.add(t.toEpochMilli());
        });
        query.number().ifPresent(n -> {
            sql.append(" AND (caller LIKE ? ESCAPE '\\' OR dialled LIKE ? ESCAPE '\\' OR callee LIKE ? ESCAPE '\\')");
            String like = "%" + n.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.add(like);
            args.add(like);
            args.add(like);
        });
        query.user().ifPresent(u -> {
            sql.append(" AND (caller = ? OR callee = ? OR dialled = ?)");
            args.add(u);
            args.add(u);
            args.add(u);
        });
        query.outcome().ifPresent(o -> {
            sql.append(" AND outcome = ?");
            args.add(o.label());
        });
        if (query.poorOnly()) {
            sql.append(" AND poor = 1");
        }
        sql.append(" ORDER BY started_ms DESC, id DESC LIMIT ?");
        args.add(query.limit());
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return read(ps);
        } catch (SQLException e) {
            throw new StoreException("cannot search the call records: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<CallRecord> find(String callId) {
        try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM call_record WHERE call_id = ? ORDER BY id DESC LIMIT 1")) {
            ps.setString(1, callId);
            return read(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new StoreException("cannot read the record of call " + callId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int purge(Instant olderThan, int keep) {
        try (Connection c = store.connect();
             PreparedStatement byAge = c.prepareStatement("DELETE FROM call_record WHERE started_ms < ?");
             PreparedStatement byCount = c.prepareStatement("DELETE FROM call_record WHERE id <= (SELECT id FROM"
                     + " call_record ORDER BY id DESC LIMIT 1 OFFSET ?)")) {
            byAge.setLong(1, olderThan.toEpochMilli());
            int removed = byAge.executeUpdate();
            byCount.setInt(1, keep);
            return removed + byCount.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot purge call records: " + e.getMessage(), e);
        }
    }

    private static List<CallRecord> read(PreparedStatement ps) throws SQLException {
        List<CallRecord> records = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                records.add(record(rs));
            }
        }
        return records;
    }

    private static CallRecord record(ResultSet rs) throws SQLException {
        CallRoute route = new CallRoute(rs.getString("dialled"), rs.getString("callee"), rs.getString("route"),
                rs.getString("destination"));
        Optional<VoiceQuality> quality = Optional.empty();
        if (rs.getObject("caller_packets") != null) {
            quality = Optional.of(new VoiceQuality(stream(rs, "caller"), stream(rs, "callee"),
                    Optional.ofNullable((Number) rs.getObject("mos")).map(Number::doubleValue),
                    rs.getInt("one_way_audio") == 1));
        }
        CallMedia media = new CallMedia(rs.getInt("caller_nat") == 1, rs.getInt("callee_nat") == 1,
                rs.getInt("relayed") == 1, Optional.ofNullable(rs.getString("caller_latched")),
                Optional.ofNullable(rs.getString("callee_latched")), quality);
        return new CallRecord(rs.getString("call_id"), Instant.ofEpochMilli(rs.getLong("started_ms")),
                instant(rs, "answered_ms"), Instant.ofEpochMilli(rs.getLong("ended_ms")), rs.getString("caller"),
                route, rs.getInt("status"), rs.getString("reason"),
                Optional.ofNullable((Number) rs.getObject("q850")).map(Number::intValue),
                Outcome.ofLabel(rs.getString("outcome")),
                Optional.ofNullable(rs.getString("hung_up_by")).map(HungUpBy::valueOf), media, rs.getString("node"));
    }

    private static StreamQuality stream(ResultSet rs, String party) throws SQLException {
        return new StreamQuality(rs.getLong(party + "_packets"), rs.getDouble(party + "_loss"),
                rs.getDouble(party + "_jitter"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable((Number) rs.getObject(column)).map(n -> Instant.ofEpochMilli(n.longValue()));
    }
}
