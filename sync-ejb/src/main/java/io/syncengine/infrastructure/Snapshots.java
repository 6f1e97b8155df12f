package io.syncengine.infrastructure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the readers that depend on PostgreSQL's snapshots share: the horizon below which every transaction has
 * finished, and handing a connection back to the pool as it came after a read transaction of its own.
 */
final class Snapshots {

    private static final String REPEATABLE_READ = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";
    /**
     * The horizon of the snapshot a statement runs in, as an SQL expression: a stable one, so PostgreSQL evaluates it
     * once per statement and can use it as a bound of an index scan.
     */
    static final String HORIZON = "pg_snapshot_xmin(pg_current_snapshot())";
    private static final String HORIZON_QUERY = "SELECT " + HORIZON + "::text::bigint";

    private Snapshots() {
    }

    /**
     * The oldest transaction still running, {@code pg_snapshot_xmin}: every change stamped below it has committed
     * or never will, so nothing can still appear there.
     */
    static long horizon(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(HORIZON_QUERY)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Makes the transaction the connection has just begun (auto-commit off, no statement run yet) REPEATABLE READ: one
     * snapshot for all its reads. For this transaction only, so nothing is left to restore on the connection.
     */
    static void repeatableRead(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(REPEATABLE_READ);
        }
    }

    /**
     * Ends the connection's own transaction (a no-op after its commit) and restores the pool's defaults: read-write,
     * auto-commit. (The isolation level is only ever set per transaction.)
     */
    static void reset(Connection c) throws SQLException {
        c.rollback();
        c.setReadOnly(false);
        c.setAutoCommit(true);
    }
}
