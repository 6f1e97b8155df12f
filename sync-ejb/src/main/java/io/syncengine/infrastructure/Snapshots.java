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

    private Snapshots() {
    }

    /**
     * The oldest transaction still running, {@code pg_snapshot_xmin}: every change stamped below it has committed
     * or never will, so nothing can still appear there.
     */
    static long horizon(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Ends the connection's own transaction (a no-op after its commit) and restores the pool's defaults: read-write,
     * READ COMMITTED, auto-commit.
     */
    static void reset(Connection c) throws SQLException {
        c.rollback();
        c.setReadOnly(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        c.setAutoCommit(true);
    }
}
