package io.syncengine.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What the PostgreSQL server itself can do for the shape of the apply transaction that dominates the mix
 * ({@link #shape}), on bare tables: for {@code master}, lock an op-log row, lock a record row, raise the record's
 * version, set the op's status, commit; for {@code sales}, lock an op-log row, lock one of a few hot product rows
 * (as many as the {@link SharedProducts}, so clients contend for them as the tills do), take from its stock, insert
 * a sale and its line, set the op's status, commit. pgbench runs that with several clients on tables of its own; the
 * transactions per second it reaches is a ceiling the sync server's apply rate can be compared with, so the
 * report says how much of the database's capacity the application layer leaves unused.
 *
 * <p>The tables have primary keys only and no triggers, so this is the ceiling for the transaction's statements
 * alone; {@link SchemaCeiling} runs one operation's whole life on the server's own schema. The first is kept so that
 * figures compare across runs made before the second existed. The tables live in a schema made for this run and
 * dropped after it, so nothing of the given database is touched.
 */
final class PgbenchCeiling {

    private final Mix mix;
    private final PostgresTarget target;
    private final String password;
    private final int rows;
    private final String schema;

    PgbenchCeiling(Mix mix, PostgresTarget target, String password, int rows, String runId) {
        this.mix = mix;
        this.target = target;
        this.password = password;
        this.rows = rows;
        this.schema = "sync_bench_" + runId.replaceAll("[^a-z0-9_]", "_");
    }

    PgbenchResult measure(Pgbench pgbench, Deadline deadline) throws InterruptedException {
        try {
            createTables();
            return pgbench.run(target, List.of(new Pgbench.Script("apply", script(), 1)), tableSizes(), deadline);
        } catch (SQLException e) {
            return PgbenchResult.skipped("could not prepare the pgbench tables: " + e.getMessage());
        } catch (IOException e) {
            return PgbenchResult.skipped("could not run pgbench: " + e.getMessage());
        } finally {
            dropTables();
        }
    }

    /** The transaction the script runs for {@code mix}, in words, for the report. */
    static String shape(Mix mix) {
        return switch (mix) {
            case MASTER -> "master-data apply: lock an op row and a record row, raise the record's version,"
                    + " set the op's status";
            case SALES -> "sale apply: lock an op row and one of " + SharedProducts.COUNT + " hot product rows,"
                    + " take 1 from its stock, insert a sale and a sale_line, set the op's status";
        };
    }

    private String tableSizes() {
        return switch (mix) {
            case MASTER -> rows + " rows per table";
            case SALES -> rows + " op rows, " + SharedProducts.COUNT + " product rows";
        };
    }

    /** One apply transaction's reads and writes, on random rows (pgbench's own random ids). */
    private String script() {
        return switch (mix) {
            case MASTER -> masterDataScript();
            case SALES -> saleScript();
        };
    }

    private String masterDataScript() {
        String op = schema + ".bench_op";
        String record = schema + ".bench_record";
        return String.join("\n",
                "\\set id random(1, " + rows + ")",
                "\\set rid random(1, " + rows + ")",
                "BEGIN;",
                "SELECT status FROM " + op + " WHERE id = :id FOR UPDATE;",
                "SELECT version FROM " + record + " WHERE id = :rid FOR UPDATE;",
                "UPDATE " + record + " SET version = version + 1 WHERE id = :rid;",
                "UPDATE " + op + " SET status = 'APPLIED' WHERE id = :id;",
                "END;",
                "");
    }

    /** A one-line sale: the line takes the id the sale's insert drew from its sequence, as a line names its sale. */
    private String saleScript() {
        String op = schema + ".bench_op";
        String product = schema + ".bench_product";
        return String.join("\n",
                "\\set id random(1, " + rows + ")",
                "\\set pid random(1, " + SharedProducts.COUNT + ")",
                "BEGIN;",
                "SELECT status FROM " + op + " WHERE id = :id FOR UPDATE;",
                "SELECT stock, price FROM " + product + " WHERE id = :pid FOR UPDATE;",
                "UPDATE " + product + " SET stock = stock - 1 WHERE id = :pid;",
                "INSERT INTO " + schema + ".bench_sale (op_id, receipt_no, sold_at, total)"
                        + " VALUES (:id, 'receipt ' || :id, now(), 1.00);",
                "INSERT INTO " + schema + ".bench_sale_line (sale_id, line_no, product_id, quantity, unit_price,"
                        + " server_price) VALUES (currval('" + schema + ".bench_sale_id_seq'), 0, :pid, 1, 1.00,"
                        + " 1.00);",
                "UPDATE " + op + " SET status = 'APPLIED' WHERE id = :id;",
                "END;",
                "");
    }

    private void createTables() throws SQLException {
        try (Connection c = target.connect(password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE " + schema + ".bench_op (id bigint PRIMARY KEY, status text, payload jsonb)");
            fill(c, "bench_op", "g, 'PENDING', jsonb_build_object('entity', 'product', 'price', '1.00', 'seq', g)",
                    rows);
            switch (mix) {
                case MASTER -> {
                    s.execute("CREATE TABLE " + schema + ".bench_record (id bigint PRIMARY KEY, version bigint,"
                            + " name text)");
                    fill(c, "bench_record", "g, 1, 'record ' || g", rows);
                }
                case SALES -> {
                    s.execute("CREATE TABLE " + schema + ".bench_product (id bigint PRIMARY KEY, version bigint,"
                            + " name text, price numeric(12,2), stock bigint)");
                    fill(c, "bench_product", "g, 1, 'product ' || g, 1.00, " + SharedProducts.STOCK,
                            SharedProducts.COUNT);
                    s.execute("CREATE TABLE " + schema + ".bench_sale (id bigserial PRIMARY KEY, op_id bigint NOT NULL,"
                            + " receipt_no text NOT NULL, sold_at timestamptz NOT NULL, total numeric(14,2) NOT NULL)");
                    s.execute("CREATE TABLE " + schema + ".bench_sale_line (sale_id bigint NOT NULL REFERENCES "
                            + schema + ".bench_sale DEFERRABLE INITIALLY DEFERRED, line_no integer NOT NULL,"
                            + " product_id bigint NOT NULL, quantity bigint NOT NULL CHECK (quantity > 0),"
                            + " unit_price numeric(12,2) NOT NULL, server_price numeric(12,2) NOT NULL,"
                            + " PRIMARY KEY (sale_id, line_no))");
                }
            }
        }
    }

    /** Fills {@code table} with rows 1 to {@code count} made of {@code columns} (over {@code g}), then analyses it. */
    private void fill(Connection c, String table, String columns, int count) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema + "." + table + " SELECT "
                + columns + " FROM generate_series(1, ?) g"); Statement s = c.createStatement()) {
            insert.setInt(1, count);
            insert.executeUpdate();
            s.execute("ANALYZE " + schema + "." + table);
        }
    }

    private void dropTables() {
        try (Connection c = target.connect(password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("sync-bench: could not drop schema " + schema + ": " + e.getMessage());
        }
    }
}
