package io.syncengine.bench;

import io.syncengine.bench.Pgbench.Script;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * What the PostgreSQL server can do for one operation's whole life on the server's own schema: the issue's
 * "insert/update/insert that one op costs". Each pgbench transaction records an operation in {@code sync_operation}
 * (its trigger appends the {@code RECEIVED} audit event), locks it and the record it names, changes the record (its
 * trigger stamps the change for pulls), and settles the operation {@code APPLIED} (its trigger appends the
 * {@code APPLIED} event), with the statements the server sends, on tables with every index, constraint and trigger
 * the Liquibase changelogs give them.
 *
 * <p>For {@code master}: an UPDATE of the price of one of {@code rows} products. For {@code sales}, three scripts
 * weighted as the mix ({@link #scripts}): a two-line sale of the {@link SharedProducts#COUNT} hot products (so
 * clients contend for them as the tills do; the server's look-up of the sale id, both products locked, their stock
 * taken, the sale and its lines inserted), a delivery of one of them, and a price edit of an unshared product.
 *
 * <p>Left out, as the server spreads them over many operations: the batch row, the device row and the two-phase
 * commit of a push (one each per 100 operations; here the operation's insert commits with its apply, one commit
 * per operation), and the audit sealer's link rows. So this ceiling is, if anything, high.
 *
 * <p>It runs in a database made for the run (the changelogs applied by Liquibase, as the server applies them) and
 * dropped after it, so the server's database is not touched.
 */
final class SchemaCeiling {

    private static final String CHANGELOG = "db/changelog/db.changelog-master.xml";
    static final String TENANT = "bench";
    /** Products of the sales mix's edits, none shared: as many as the sales run's 50 tills create of their own. */
    static final int OWN_PRODUCTS = 50 * SalesWorkload.OWN_PRODUCTS;
    /** An operation's number, drawn by pgbench: its op id, its seq, the sale's id and receipt number. */
    private static final String NUMBER = "\\set n random(1, " + Long.MAX_VALUE / 2 + ")";
    private static final String OPERATION = "tenant = '" + TENANT + "' AND device_id = 'till-' || :client_id"
            + " AND op_id = 'op-' || :n";

    private static final String LOCK_OPERATION = "SELECT device_id, tenant, op_id, assigned_id, base_version,"
            + " batch_id, client_time, conflict_id, data, deliveries, entity, entity_id, errors, failed_attempts,"
            + " last_error, notes, op_type, received_at, received_by, redriven_at, redriven_by, redrives,"
            + " resolution_id, result_version, seq, settled_at, status FROM sync_operation WHERE " + OPERATION
            + " FOR UPDATE;";
    private static final String LOCK_PRODUCTS = "SELECT id, tenant, category_id, created_at, deleted, name, price,"
            + " sku, stock, updated_at, version FROM product WHERE tenant = '" + TENANT + "' AND id ";

    private final Mix mix;
    private final PostgresTarget server;
    private final String password;
    private final int rows;
    private final String database;

    SchemaCeiling(Mix mix, PostgresTarget server, String password, int rows, String runId) {
        this.mix = mix;
        this.server = server;
        this.password = password;
        this.rows = rows;
        this.database = "sync_bench_" + runId.replaceAll("[^a-z0-9_]", "_");
    }

    PgbenchResult measure(Pgbench pgbench, Deadline deadline) throws InterruptedException {
        PostgresTarget scratch = server.withDatabase(database);
        try {
            execute(server, "CREATE DATABASE " + database);
            migrate(scratch.connect(password));
            try (Connection c = scratch.connect(password)) {
                seed(c);
            }
            return pgbench.run(scratch, scripts(), tables(), deadline);
        } catch (SQLException | LiquibaseException e) {
            return PgbenchResult.skipped("could not prepare the schema database " + database + ": " + e.getMessage());
        } catch (IOException e) {
            return PgbenchResult.skipped("could not run pgbench: " + e.getMessage());
        } finally {
            try {
                execute(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("sync-bench: could not drop database " + database + ": " + e.getMessage());
            }
        }
    }

    /** The transaction the script runs for {@code mix}, in words, for the report. */
    static String shape(Mix mix) {
        String record = switch (mix) {
            case MASTER -> "lock one of the products and raise its price and version";
            case SALES -> "as the mix weighs them: " + SalesWorkload.SALE_PERCENT + " % two-line sales (look the"
                    + " sale id up, lock two of " + SharedProducts.COUNT + " hot products, take 1 from each, insert"
                    + " the sale and its lines), " + SalesWorkload.MOVEMENT_PERCENT + " % deliveries (one hot product,"
                    + " a stock_movement row), the rest price edits of " + OWN_PRODUCTS + " unshared products";
        };
        return "one operation's life on the server's schema (indexes, triggers, audit events): insert the"
                + " sync_operation row, lock it, " + record + ", set the operation APPLIED; one commit";
    }

    private String tables() {
        return "database " + database + " migrated by the changelogs, " + switch (mix) {
            case MASTER -> rows + " products";
            case SALES -> SharedProducts.COUNT + " shared and " + OWN_PRODUCTS + " unshared products";
        };
    }

    /** Applies the server's changelogs over {@code connection}, which Liquibase closes. */
    static void migrate(Connection connection) throws LiquibaseException {
        Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        try (Liquibase liquibase = new Liquibase(CHANGELOG,
                new ClassLoaderResourceAccessor(SchemaCeiling.class.getClassLoader()), db)) {
            liquibase.update(new Contexts(), new LabelExpression());
        } catch (LiquibaseException e) {
            throw e;
        } catch (Exception e) {
            throw new LiquibaseException(e);
        }
    }

    /** The products the script's operations change: {@code p-1} to {@code p-N}. */
    void seed(Connection c) throws SQLException {
        int products = mix == Mix.MASTER ? rows : SharedProducts.COUNT + OWN_PRODUCTS;
        long stock = mix == Mix.MASTER ? 1000 : SharedProducts.STOCK;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO product (tenant, id, sku, name, price,"
                        + " stock, version, created_at, updated_at) SELECT ?, 'p-' || g, 'sku-' || g,"
                        + " 'Product ' || g, 1.00, ?, 1, now(), now() FROM generate_series(1, ?) g");
                Statement s = c.createStatement()) {
            insert.setString(1, TENANT);
            insert.setLong(2, stock);
            insert.setInt(3, products);
            insert.executeUpdate();
            s.execute("ANALYZE");
        }
    }

    /**
     * The pgbench scripts with their weights: {@code \\set} lines draw the operation's number {@code :n} and its
     * products; {@code :client_id} is pgbench's own. One transaction each, one statement a line.
     */
    List<Pgbench.Script> scripts() {
        return switch (mix) {
            case MASTER -> List.of(new Script("update", edit(rows), 1));
            case SALES -> List.of(
                    new Script("sale", sale(), SalesWorkload.SALE_PERCENT),
                    new Script("movement", movement(), SalesWorkload.MOVEMENT_PERCENT),
                    new Script("edit", edit(OWN_PRODUCTS),
                            100 - SalesWorkload.SALE_PERCENT - SalesWorkload.MOVEMENT_PERCENT));
        };
    }

    /** An UPDATE of a product's price: any of the first {@code products} (for the sales mix, none is shared). */
    private String edit(int products) {
        int first = mix == Mix.SALES ? SharedProducts.COUNT + 1 : 1;
        return String.join("\n",
                NUMBER,
                "\\set pid random(" + first + ", " + (first + products - 1) + ")",
                "BEGIN;",
                received("'product'", product(":pid"), "'UPDATE'", "1", "jsonb_build_object('price', '1.10')"),
                LOCK_OPERATION,
                LOCK_PRODUCTS + "= " + product(":pid") + " FOR UPDATE;",
                "UPDATE product SET price = 1.10, updated_at = now(), version = version + 1" + whereProduct(":pid"),
                settle(),
                "END;",
                "");
    }

    /**
     * A sale of two of the shared products (the mix's sales have one to three lines), locked in id order as the
     * server locks them, so that no two clients deadlock.
     */
    private static String sale() {
        String saleId = "'s-' || :n";
        return String.join("\n",
                NUMBER,
                "\\set p1 random(1, " + SharedProducts.COUNT + ")",
                "\\set p2 :p1 % " + SharedProducts.COUNT + " + 1",
                "BEGIN;",
                received("'sale'", saleId, "'CREATE'", "NULL",
                        "jsonb_build_object('receiptNo', 'r-' || :n, 'soldAt', now(), 'lines', jsonb_build_array("
                                + line(":p1") + ", " + line(":p2") + "), 'total', '2.00')"),
                LOCK_OPERATION,
                "SELECT id, tenant, created_at, customer_id, device_id, forced, op_id, receipt_no, sent_id, sold_at,"
                        + " total, version FROM sale WHERE id = " + saleId + " AND tenant = '" + TENANT + "';",
                LOCK_PRODUCTS + "IN (" + product(":p1") + ", " + product(":p2") + ") ORDER BY id FOR UPDATE;",
                "UPDATE product SET stock = stock - 1, updated_at = now()" + whereProduct(":p1"),
                "UPDATE product SET stock = stock - 1, updated_at = now()" + whereProduct(":p2"),
                "INSERT INTO sale (id, tenant, created_at, customer_id, device_id, forced, op_id, receipt_no, sent_id,"
                        + " sold_at, total, version) VALUES (" + saleId + ", '" + TENANT + "', now(), NULL,"
                        + " 'till-' || :client_id, false, 'op-' || :n, 'r-' || :n, " + saleId + ", now(), 2.00, 1);",
                saleLine(saleId, 0, ":p1"),
                saleLine(saleId, 1, ":p2"),
                settle(),
                "END;",
                "");
    }

    /** A delivery of one of the shared products. */
    private static String movement() {
        String movementId = "'m-' || :n";
        return String.join("\n",
                NUMBER,
                "\\set pid random(1, " + SharedProducts.COUNT + ")",
                "BEGIN;",
                received("'stock-movement'", movementId, "'CREATE'", "NULL",
                        "jsonb_build_object('productId', " + product(":pid") + ", 'delta', 10, 'reason', 'delivery')"),
                LOCK_OPERATION,
                "SELECT id, tenant, created_at, delta, device_id, forced, op_id, product_id, reason, sent_id, version"
                        + " FROM stock_movement WHERE id = " + movementId + " AND tenant = '" + TENANT + "';",
                LOCK_PRODUCTS + "= " + product(":pid") + " FOR UPDATE;",
                "UPDATE product SET stock = stock + 10, updated_at = now()" + whereProduct(":pid"),
                "INSERT INTO stock_movement (id, tenant, created_at, delta, device_id, forced, op_id, product_id,"
                        + " reason, sent_id, version) VALUES (" + movementId + ", '" + TENANT + "', now(), 10,"
                        + " 'till-' || :client_id, false, 'op-' || :n, " + product(":pid") + ", 'delivery', "
                        + movementId + ", 1);",
                settle(),
                "END;",
                "");
    }

    private static String product(String variable) {
        return "'p-' || " + variable;
    }

    private static String line(String product) {
        return "jsonb_build_object('productId', " + product(product) + ", 'quantity', 1, 'unitPrice', '1.00')";
    }

    /** The end of an UPDATE of the product {@code variable} names. */
    private static String whereProduct(String variable) {
        return " WHERE tenant = '" + TENANT + "' AND id = " + product(variable) + ";";
    }

    private static String saleLine(String saleId, int lineNo, String product) {
        return "INSERT INTO sale_line (line_no, sale_id, tenant, product_deleted, product_id, quantity, server_price,"
                + " unit_price) VALUES (" + lineNo + ", " + saleId + ", '" + TENANT + "', false, " + product(product)
                + ", 1, 1.00, 1.00);";
    }

    /** The operation as a push records it. */
    private static String received(String entity, String entityId, String type, String baseVersion, String data) {
        return "INSERT INTO sync_operation (device_id, tenant, op_id, base_version, batch_id, client_time, data,"
                + " deliveries, entity, entity_id, failed_attempts, op_type, received_at, received_by, redrives,"
                + " seq, status) VALUES ('till-' || :client_id, '" + TENANT + "', 'op-' || :n, "
                + baseVersion + ", 'batch-' || :client_id, now(), " + data + ", 0, " + entity + ", " + entityId
                + ", 0, " + type + ", now(), 'till-' || :client_id, 0, :n, 'PENDING');";
    }

    private static String settle() {
        return "UPDATE sync_operation SET deliveries = 1, status = 'APPLIED', settled_at = now(),"
                + " result_version = 1 WHERE " + OPERATION + ";";
    }

    private void execute(PostgresTarget target, String sql) throws SQLException {
        try (Connection c = target.connect(password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
