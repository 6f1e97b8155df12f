package io.syncengine.infrastructure;

import io.syncengine.SyncNames;
import io.syncengine.application.AuditFilter;
import io.syncengine.application.AuditLog;
import io.syncengine.application.AuditVerification;
import io.syncengine.application.AuditedOperation;
import io.syncengine.domain.model.AuditChain;
import io.syncengine.domain.model.AuditEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The auditors' log on PostgreSQL. Triggers append {@code audit_event} rows in the transaction of every change of
 * an operation or a conflict (changelog 018); nobody may update or delete them (017).
 *
 * <p><b>Sealing.</b> Chaining each event as it is written would make every transaction of a tenant wait for the
 * previous one's commit (one chain head, locked until commit) and cap a tenant's apply rate at one transaction per
 * commit latency. Instead the sealer links events after their transactions finish, in the order it can know for
 * sure: below the horizon {@code pg_snapshot_xmin} every transaction has finished, so the events there are all
 * visible and none can still appear; it links them in {@code (event_xid, id)} order and remembers where it
 * stopped. An event is therefore linked once, exactly, within about a second of its commit. One sealer runs at a
 * time across nodes: a pass locks the single progress row.
 *
 * <p><b>Reads</b> stream rows to the sink as the driver fetches them, inside one read-only transaction, so an
 * export of millions of rows runs in constant memory. Each filter has an index that ends in the page order.
 */
@ApplicationScoped
public class JdbcAuditLog implements AuditLog {

    private static final int FETCH_SIZE = 1000;
    /** Operation statuses that are final and reached once, each with an event of its name. */
    private static final Set<String> FINAL_ONCE = Set.of("APPLIED", "REJECTED", "CONFLICT");
    private static final String EVENT_COLUMNS = "e.id, e.tenant, e.event_type, e.subject, e.device_id, e.op_id, "
            + "e.batch_id, e.seq, e.entity, e.entity_id, e.op_type, e.before_version, e.after_version, "
            + "e.payload_hash, e.detail::text, e.client_time, e.recorded_at";
    private static final String OPERATION_COLUMNS = "o.device_id, o.op_id, o.batch_id, o.seq, o.entity, "
            + "o.entity_id, o.op_type, o.base_version, o.result_version, o.status, o.conflict_id, o.assigned_id, "
            + "o.resolution_id, o.received_by, o.client_time, o.received_at, o.settled_at";

    @Resource(lookup = SyncNames.LOCAL_DATASOURCE)
    private DataSource dataSource;

    @Override
    public int seal(int max) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int sealed = seal(c, max);
                c.commit();
                return sealed;
            } finally {
                Snapshots.reset(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not seal the audit log", e);
        }
    }

    private int seal(Connection c, int max) throws SQLException {
        // The horizon first, before this transaction takes an id of its own (the lock below gives it one).
        long horizon = Snapshots.horizon(c);
        String lastXid;
        long lastId;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT last_xid::text, last_id FROM audit_seal_state WHERE id = 1 FOR UPDATE");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            lastXid = rs.getString(1);
            lastId = rs.getLong(2);
        }
        List<AuditEvent> events = new ArrayList<>();
        String xid = lastXid;
        try (PreparedStatement s = c.prepareStatement("SELECT " + EVENT_COLUMNS + ", e.event_xid::text "
                + "FROM audit_event e WHERE (e.event_xid, e.id) > (?::xid8, ?) AND e.event_xid < ?::xid8 "
                + "ORDER BY e.event_xid, e.id LIMIT ?")) {
            s.setString(1, lastXid);
            s.setLong(2, lastId);
            s.setString(3, Long.toString(horizon));
            s.setInt(4, max);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(event(rs));
                    xid = rs.getString(18);
                }
            }
        }
        if (events.isEmpty()) {
            return 0;
        }
        Map<String, Link> heads = new HashMap<>();
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO audit_link (tenant, position, event_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?)")) {
            for (AuditEvent event : events) {
                Link previous = heads.get(event.tenant());
                if (previous == null) {
                    previous = head(c, event.tenant());
                }
                long position = previous.position() + 1;
                Link link = new Link(position, AuditChain.hash(position, previous.hash(), event));
                insert.setString(1, event.tenant());
                insert.setLong(2, position);
                insert.setLong(3, event.id());
                insert.setString(4, previous.hash());
                insert.setString(5, link.hash());
                insert.addBatch();
                heads.put(event.tenant(), link);
            }
            insert.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE audit_seal_state SET last_xid = ?::xid8, last_id = ? WHERE id = 1")) {
            s.setString(1, xid);
            s.setLong(2, events.get(events.size() - 1).id());
            s.executeUpdate();
        }
        return events.size();
    }

    private record Link(long position, String hash) {
    }

    private static Link head(Connection c, String tenant) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT position, hash FROM audit_link WHERE tenant = ? ORDER BY position DESC LIMIT 1")) {
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Link(rs.getLong(1), rs.getString(2)) : new Link(0, AuditChain.GENESIS);
            }
        }
    }

    @Override
    public boolean events(String tenant, AuditFilter filter, EventPosition after, long limit,
            Consumer<AuditEvent> sink) {
        return stream(eventsQuery(tenant, filter, after), limit, rs -> sink.accept(event(rs)));
    }

    /** The events a filter asks for, after a position, in page order. */
    static Query eventsQuery(String tenant, AuditFilter filter, EventPosition after) {
        Query q = new Query("SELECT " + EVENT_COLUMNS + " FROM audit_event e WHERE e.tenant = ?", tenant);
        where(q, filter);
        q.where("e.event_type = ?", filter.status());
        page(q, after);
        return q;
    }

    @Override
    public boolean operations(String tenant, AuditFilter filter, EventPosition after, long limit,
            Consumer<AuditedOperation> sink) {
        return stream(operationsQuery(tenant, filter, after), limit, rs -> sink.accept(new AuditedOperation(
                rs.getString(1), rs.getString(2), rs.getString(3), nullableLong(rs, 4), rs.getString(5),
                rs.getString(6), rs.getString(7), nullableLong(rs, 8), nullableLong(rs, 9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                rs.getObject(15, OffsetDateTime.class),
                rs.getObject(16, OffsetDateTime.class), rs.getObject(17, OffsetDateTime.class),
                new EventPosition(rs.getObject(18, OffsetDateTime.class), rs.getLong(19)))));
    }

    /** The operations a filter asks for, after a position of their driving events, in page order. */
    static Query operationsQuery(String tenant, AuditFilter filter, EventPosition after) {
        // An operation's RECEIVED event holds everything the filters ask for but its status, and never changes:
        // the event indexes find the page, and the operation log adds what became of each. A final status that
        // an operation reaches once (APPLIED, REJECTED, CONFLICT) has its own event, which finds those directly.
        String driving = filter.status() != null && FINAL_ONCE.contains(filter.status()) ? filter.status()
                : "RECEIVED";
        Query q = new Query("SELECT " + OPERATION_COLUMNS + ", e.recorded_at, e.id FROM audit_event e "
                + "JOIN sync_operation o ON o.tenant = e.tenant AND o.device_id = e.device_id AND o.op_id = e.op_id "
                + "WHERE e.tenant = ?", tenant);
        q.where("e.event_type = ?", driving);
        where(q, filter);
        q.where("o.status = ?", filter.status());
        page(q, after);
        return q;
    }

    /** The filters events and operations share, on the event's columns. */
    private static void where(Query q, AuditFilter filter) {
        q.where("e.device_id = ?", filter.deviceId());
        q.where("e.op_id = ?", filter.opId());
        q.where("e.entity = ?", filter.entity());
        q.where("e.entity_id = ?", filter.entityId());
        q.where("e.batch_id = ?", filter.batchId());
        q.where("e.recorded_at >= ?", filter.from());
        q.where("e.recorded_at < ?", filter.to());
    }

    /** After the cursor's event, in page order. */
    private static void page(Query q, EventPosition after) {
        if (after != null) {
            q.sql.append(" AND (e.recorded_at, e.id) > (?, ?)");
            q.params.add(after.recordedAt());
            q.params.add(after.id());
        }
        q.sql.append(" ORDER BY e.recorded_at, e.id");
    }

    @Override
    public AuditVerification verify(String tenant, OffsetDateTime from, OffsetDateTime to) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                Snapshots.repeatableRead(c);
                AuditVerification result = verify(c, tenant, from, to);
                c.commit();
                return result;
            } finally {
                Snapshots.reset(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not verify the audit chain", e);
        }
    }

    private AuditVerification verify(Connection c, String tenant, OffsetDateTime from, OffsetDateTime to)
            throws SQLException {
        long unsealed = unsealed(c, tenant, from, to);
        Long first = position(c, "SELECT min(position) FROM audit_link WHERE tenant = ?"
                + (from == null ? "" : " AND sealed_at >= ?"), tenant, from);
        Long last = position(c, "SELECT max(position) FROM audit_link WHERE tenant = ?"
                + (to == null ? "" : " AND sealed_at < ?"), tenant, to);
        if (first == null || last == null || first > last) {
            return new AuditVerification(from, to, null, null, 0, true, null, null, null, null, unsealed);
        }
        String previous = AuditChain.GENESIS;
        if (first > 1) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT hash FROM audit_link WHERE tenant = ? AND position = ?")) {
                s.setString(1, tenant);
                s.setLong(2, first - 1);
                try (ResultSet rs = s.executeQuery()) {
                    // A missing predecessor shows as a link that does not follow it.
                    previous = rs.next() ? rs.getString(1) : "";
                }
            }
        }
        long expected = first;
        long checked = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT l.position, l.prev_hash, l.hash, l.event_id, "
                + EVENT_COLUMNS + " FROM audit_link l LEFT JOIN audit_event e ON e.id = l.event_id "
                + "WHERE l.tenant = ? AND l.position BETWEEN ? AND ? ORDER BY l.position")) {
            s.setFetchSize(FETCH_SIZE);
            s.setString(1, tenant);
            s.setLong(2, first);
            s.setLong(3, last);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long position = rs.getLong(1);
                    String previousHash = rs.getString(2);
                    String hash = rs.getString(3);
                    long eventId = rs.getLong(4);
                    rs.getLong(5);
                    AuditEvent event = rs.wasNull() ? null : event(rs, 4);
                    String problem = AuditChain.check(expected, previous, position, previousHash, hash, event);
                    if (problem != null) {
                        long at = Math.min(expected, position);
                        return new AuditVerification(from, to, first, last, checked, false, at,
                                at == position ? eventId : null, problem, null, unsealed);
                    }
                    checked++;
                    previous = hash;
                    expected = position + 1;
                }
            }
        }
        if (expected <= last) {
            return new AuditVerification(from, to, first, last, checked, false, expected, null,
                    "link " + expected + " is missing", null, unsealed);
        }
        return new AuditVerification(from, to, first, last, checked, true, null, null, null, previous, unsealed);
    }

    /**
     * The tenant's events (recorded in the range) that no link names: those the sealer has yet to link, which
     * disappear within seconds, and any that were skipped, which stay.
     */
    private static long unsealed(Connection c, String tenant, OffsetDateTime from, OffsetDateTime to)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM audit_event e WHERE e.tenant = ?"
                + (from == null ? "" : " AND e.recorded_at >= ?") + (to == null ? "" : " AND e.recorded_at < ?")
                + " AND NOT EXISTS (SELECT 1 FROM audit_link l WHERE l.event_id = e.id)")) {
            int i = 1;
            s.setString(i++, tenant);
            if (from != null) {
                s.setObject(i++, from);
            }
            if (to != null) {
                s.setObject(i, to);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Long position(Connection c, String sql, String tenant, OffsetDateTime time)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, tenant);
            if (time != null) {
                s.setObject(2, time);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long value = rs.getLong(1);
                return rs.wasNull() ? null : value;
            }
        }
    }

    /** A query built from the filters given; null ones add nothing. */
    static final class Query {
        final StringBuilder sql;
        final List<Object> params = new ArrayList<>();

        Query(String select, String tenant) {
            sql = new StringBuilder(select);
            params.add(tenant);
        }

        void where(String condition, Object value) {
            if (value != null) {
                sql.append(" AND ").append(condition);
                params.add(value);
            }
        }

        void bind(PreparedStatement s) throws SQLException {
            for (int i = 0; i < params.size(); i++) {
                Object value = params.get(i);
                if (value instanceof OffsetDateTime time) {
                    s.setObject(i + 1, time, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    s.setObject(i + 1, value);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private boolean stream(Query q, long limit, Row row) {
        boolean limited = limit < Long.MAX_VALUE;
        if (limited) {
            q.sql.append(" LIMIT ?");
            q.params.add(limit + 1);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement s = c.prepareStatement(q.sql.toString())) {
                s.setFetchSize(FETCH_SIZE);
                q.bind(s);
                long read = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (read == limit) {
                            return true;
                        }
                        row.read(rs);
                        read++;
                    }
                }
                c.commit();
                return false;
            } finally {
                Snapshots.reset(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit log", e);
        }
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        return event(rs, 0);
    }

    /** The event whose columns start after {@code offset} columns. */
    private static AuditEvent event(ResultSet rs, int offset) throws SQLException {
        int i = offset;
        return new AuditEvent(rs.getLong(i + 1), rs.getString(i + 2), rs.getString(i + 3), rs.getString(i + 4),
                rs.getString(i + 5), rs.getString(i + 6), rs.getString(i + 7), nullableLong(rs, i + 8),
                rs.getString(i + 9), rs.getString(i + 10), rs.getString(i + 11), nullableLong(rs, i + 12),
                nullableLong(rs, i + 13), rs.getString(i + 14), rs.getString(i + 15),
                rs.getObject(i + 16, OffsetDateTime.class), rs.getObject(i + 17, OffsetDateTime.class));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
