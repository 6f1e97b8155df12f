package io.syncengine.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.postgresql.PGConnection;

/**
 * What the database alone takes to hand over the rows a snapshot pull returns, so that the pull's rate can be read
 * as a fraction of it: {@code COPY (SELECT <the columns of a change> FROM product WHERE tenant = ... AND NOT
 * deleted ORDER BY id) TO STDOUT}, the same rows in the same order as the pull's snapshot query, in PostgreSQL's
 * cheapest form, through the JDBC driver's {@code CopyManager} into a stream that counts rows and keeps nothing.
 * It runs in the same run as the pull and on the same rows, so the ratio does not depend on what else the machine
 * did that day. It runs after the pull, so the server's heap sampled during the pull is the pull's alone; it may
 * then find in PostgreSQL's buffers pages the pull brought there, which if anything flatters the COPY, so the ratio
 * errs low rather than high.
 *
 * <p>Rows are counted as newline bytes: COPY's text format ends each row with one, and writes a newline inside a
 * value as the two characters {@code \n}.
 */
final class CopyBaseline {

    private CopyBaseline() {
    }

    /**
     * What the COPY came to.
     *
     * @param rows  rows received
     * @param nanos from sending the COPY to its last byte
     * @param error why it failed, or null
     */
    record Result(long rows, long nanos, String error) {
    }

    static Result run(PostgresTarget database, String password, String tenant, Deadline deadline) {
        String copy = "COPY (SELECT id, version, deleted, updated_at, sku, name, price, stock, category_id FROM product"
                + " WHERE tenant = " + literal(tenant) + " AND NOT deleted ORDER BY id) TO STDOUT";
        try (Connection c = database.connect(password); Statement s = c.createStatement()) {
            // COPY takes no query timeout; the server's own stops it at the deadline.
            s.execute("SET statement_timeout = " + Math.max(1_000, deadline.remaining().toMillis()));
            NewlineCounter rows = new NewlineCounter();
            long start = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, rows);
            return new Result(rows.count, System.nanoTime() - start, null);
        } catch (SQLException | IOException e) {
            return new Result(0, 0, Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
        }
    }

    /** A string literal; COPY takes no parameters. The tenant is the bench's own, quoted all the same. */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Counts the newline bytes written to it and discards them all. */
    private static final class NewlineCounter extends OutputStream {

        private long count;

        @Override
        public void write(int b) {
            if (b == '\n') {
                count++;
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    count++;
                }
            }
        }
    }
}
