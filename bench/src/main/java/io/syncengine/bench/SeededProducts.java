package io.syncengine.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The products a pull measurement reads: live products of a tenant of their own, written straight into the
 * server's {@code product} table with one {@code INSERT ... SELECT ... FROM generate_series}. Pushing a million
 * records through the API would take the better part of an hour at the apply rates measured here (see
 * docs/benchmarks.md), for a pull that takes well under a minute; the pull only needs rows as the server keeps
 * them. Their ids are random UUIDs, as terminals make them, so a snapshot's walk in id order meets the rows
 * scattered over the table as it would in real data.
 */
final class SeededProducts {

    private final PostgresTarget database;
    private final String password;
    private final String tenant;

    SeededProducts(PostgresTarget database, String password, String tenant) {
        this.database = database;
        this.password = password;
        this.tenant = tenant;
    }

    /**
     * Checks that the database is the server's, before anything is measured: a wrong {@code --pgbench-db-url}
     * should not be found out only after the push phase.
     */
    static void check(PostgresTarget database, String password) throws BenchAborted {
        try (Connection c = database.connect(password); Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM product LIMIT 0").close();
        } catch (SQLException e) {
            throw new BenchAborted("cannot seed the products to pull in " + database.jdbcUrl() + " (is it the"
                    + " server's database?): " + e.getMessage());
        }
    }

    /**
     * Writes {@code count} products (skus {@code pull-1} to {@code pull-<count>}, version 1), then vacuums and
     * analyses the table: the pull then reads the rows as it would long-lived ones, without paying for setting
     * their hint bits, and autovacuum, which so many new rows would set off, does not run during the measurement.
     */
    void insert(int count, Deadline deadline) throws SQLException {
        try (Connection c = database.connect(password);
                PreparedStatement insert = c.prepareStatement("INSERT INTO product (tenant, id, sku, name, price,"
                        + " stock, version, created_at, updated_at) SELECT ?, gen_random_uuid()::text, 'pull-' || g,"
                        + " 'Pulled product ' || g, 1.00, 100, 1, now(), now() FROM generate_series(1, ?) g");
                Statement vacuum = c.createStatement()) {
            insert.setString(1, tenant);
            insert.setInt(2, count);
            insert.setQueryTimeout(deadline.secondsLeft());
            insert.executeUpdate();
            vacuum.setQueryTimeout(deadline.secondsLeft());
            vacuum.execute("VACUUM (ANALYZE) product");
        }
    }

    /** Deletes the tenant's products; called also when seeding or pulling failed, so none are left behind. */
    void delete() {
        try (Connection c = database.connect(password);
                PreparedStatement delete = c.prepareStatement("DELETE FROM product WHERE tenant = ?")) {
            delete.setString(1, tenant);
            delete.executeUpdate();
        } catch (SQLException e) {
            System.err.println("sync-bench: could not delete the products of tenant " + tenant + " (DELETE FROM"
                    + " product WHERE tenant = '" + tenant + "'): " + e.getMessage());
        }
    }
}
