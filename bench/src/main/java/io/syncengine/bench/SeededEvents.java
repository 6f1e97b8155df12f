package io.syncengine.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The events an audit measurement queries: {@code count} events of a tenant of their own, written straight into
 * the server's append-only {@code audit_event} table with one {@code INSERT ... SELECT ... FROM generate_series}
 * (pushing millions of operations through the API would take hours). They look like a month of a busy shop
 * chain: {@value #DEVICES} devices, operations on {@value #RECORDS} products, each a RECEIVED and an APPLIED
 * event (one in {@value #CONFLICT_EVERY} a CONFLICT instead), batches of 50 operations, spread evenly over the 30
 * days before now. The log is append-only, so they cannot be deleted again: measure in a scratch database.
 */
final class SeededEvents {

    static final int DEVICES = 500;
    static final int RECORDS = 20_000;
    static final int CONFLICT_EVERY = 200;

    private final PostgresTarget database;
    private final String password;
    private final String tenant;

    SeededEvents(PostgresTarget database, String password, String tenant) {
        this.database = database;
        this.password = password;
        this.tenant = tenant;
    }

    /** Where the seeded events end in the sealer's order: its progress has passed this once all are linked. */
    record Seeded(String xid, long lastId) {
    }

    Seeded insert(int count, Deadline deadline) throws SQLException {
        try (Connection c = database.connect(password)) {
            c.setAutoCommit(false);
            Seeded seeded;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_event (tenant, event_type, "
                    + "subject, device_id, op_id, batch_id, seq, entity, entity_id, op_type, before_version, "
                    + "after_version, payload_hash, client_time, recorded_at) "
                    + "SELECT ?, CASE WHEN g % " + CONFLICT_EVERY + " = 0 THEN 'CONFLICT' WHEN g % 2 = 0 "
                    + "THEN 'APPLIED' ELSE 'RECEIVED' END, 'till-' || (g / 2 % " + DEVICES + "), "
                    + "'till-' || (g / 2 % " + DEVICES + "), 'op-' || (g / 2), "
                    + "'batch-' || (g / 2 % " + DEVICES + ") || '-' || (g / 2 / " + DEVICES + " / 50), "
                    + "g / 2 / " + DEVICES + ", 'product', 'p-' || (g / 2 % " + RECORDS + "), 'UPDATE', 1, 2, "
                    + "md5(g::text) || md5((g / 2)::text), t, t "
                    + "FROM generate_series(1, ?) g, "
                    + "LATERAL (SELECT now() - interval '30 days' + g * (interval '30 days' / ?)) AS at(t)");
                    Statement s = c.createStatement()) {
                insert.setString(1, tenant);
                insert.setInt(2, count);
                insert.setInt(3, count);
                insert.setQueryTimeout(deadline.secondsLeft());
                insert.executeUpdate();
                try (ResultSet rs = s.executeQuery("SELECT pg_current_xact_id()::text, max(id) FROM audit_event")) {
                    rs.next();
                    seeded = new Seeded(rs.getString(1), rs.getLong(2));
                }
                c.commit();
            }
            c.setAutoCommit(true);
            try (Statement vacuum = c.createStatement()) {
                vacuum.setQueryTimeout(deadline.secondsLeft());
                vacuum.execute("VACUUM (ANALYZE) audit_event");
            }
            return seeded;
        }
    }

    /** Whether the sealer has linked every seeded event. */
    boolean sealed(Seeded seeded) throws SQLException {
        try (Connection c = database.connect(password);
                PreparedStatement s = c.prepareStatement("SELECT (last_xid, last_id) >= (?::xid8, ?) "
                        + "FROM audit_seal_state WHERE id = 1")) {
            s.setString(1, seeded.xid());
            s.setLong(2, seeded.lastId());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The time of the event at {@code offset} in the tenant's page order: an export up to it has that many rows. */
    String timeAt(long offset) throws SQLException {
        try (Connection c = database.connect(password);
                PreparedStatement s = c.prepareStatement("SELECT to_char(recorded_at AT TIME ZONE 'UTC', "
                        + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM audit_event WHERE tenant = ? "
                        + "ORDER BY recorded_at, id OFFSET ? LIMIT 1")) {
            s.setString(1, tenant);
            s.setLong(2, offset);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
