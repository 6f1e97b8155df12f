package io.syncengine.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

/**
 * What a DBA relies on: every changeset applies to an empty database, the schema rolls back to the previous release
 * tag (and to the first), and applies forward again from there. On a {@link ScratchDatabase}.
 */
class ChangelogRoundTripTest {

    private static final String CHANGELOG = "db/changelog/db.changelog-master.xml";
    private static final String PREVIOUS_RELEASE = "0.2.0";
    private static final String FIRST_RELEASE = "0.1.0";

    /** What a test does with a scratch database and the changelog. */
    @FunctionalInterface
    private interface Migration {
        void run(Connection connection, Liquibase liquibase) throws Exception;
    }

    @Test
    void everyChangesetAppliesRollsBackToEachEarlierReleaseAndAppliesAgain() throws Exception {
        onScratchDatabase((connection, liquibase) -> {
            liquibase.update("");
            int all = count(connection, "SELECT count(*) FROM databasechangelog");
            assertEquals(1, count(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'sale'"));

            liquibase.rollback(PREVIOUS_RELEASE, "");
            assertEquals(0, count(connection, "SELECT count(*) FROM pg_tables WHERE tablename IN "
                    + "('audit_event', 'audit_link', 'audit_seal_state')"), "the latest release's tables are gone");
            assertEquals(1, count(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'sale'"),
                    "the previous release's schema stays");
            assertEquals(0, count(connection, "SELECT count(*) FROM pg_proc WHERE proname = 'audit_payload_hash'"));

            liquibase.update("");
            assertEquals(all, count(connection, "SELECT count(*) FROM databasechangelog"));

            liquibase.rollback(FIRST_RELEASE, "");
            assertEquals(0, count(connection, "SELECT count(*) FROM pg_tables WHERE tablename IN "
                    + "('sale', 'sale_line', 'stock_movement', 'sync_conflict_resolution', "
                    + "'sync_resolution_job', 'sync_device', 'audit_event', 'audit_link', 'audit_seal_state')"),
                    "the later releases' tables are gone");
            assertEquals(0, count(connection, "SELECT count(*) FROM information_schema.columns "
                    + "WHERE column_name IN ('change_xid', 'archived_at', 'resolution_id')"));
            assertEquals(1, count(connection, "SELECT count(*) FROM pg_tables "
                    + "WHERE tablename = 'sync_operation'"), "the first release's schema stays");

            liquibase.update("");
            assertEquals(all, count(connection, "SELECT count(*) FROM databasechangelog"));
            assertEquals(1, count(connection, "SELECT count(*) FROM pg_trigger "
                    + "WHERE tgname = 'tr_product_change'"));
        });
    }

    @Test
    void operationsReceivedBeforeTheEventLogGetTheirEvents() throws Exception {
        onScratchDatabase((connection, liquibase) -> {
            liquibase.update("0.2.0", "");
            try (Statement s = connection.createStatement()) {
                s.execute("INSERT INTO sync_operation (tenant, device_id, op_id, batch_id, seq, entity, entity_id, "
                        + "op_type, data, received_by, received_at, status, result_version, settled_at) VALUES "
                        + "('t1', 'till-1', 'op-1', 'b-1', 1, 'category', 'c-1', 'CREATE', '{\"name\": \"Tea\"}', "
                        + "'till-1', now() - interval '2 days', 'APPLIED', 1, now() - interval '2 days'), "
                        + "('t1', 'till-1', 'op-2', 'b-1', 2, 'category', 'c-2', 'CREATE', '{\"name\": \"Tea\"}', "
                        + "'till-1', now() - interval '2 days', 'PENDING', NULL, NULL)");
            }
            liquibase.update("");
            assertEquals(2, count(connection, "SELECT count(*) FROM audit_event WHERE event_type = 'RECEIVED' "
                    + "AND detail @> '{\"backfilled\": true}' AND recorded_at < now() - interval '1 day'"));
            assertEquals(1, count(connection, "SELECT count(*) FROM audit_event WHERE event_type = 'APPLIED' "
                    + "AND op_id = 'op-1' AND after_version = 1 AND payload_hash IS NOT NULL"));
            assertEquals(3, count(connection, "SELECT count(*) FROM audit_event"), "nothing for what is pending");
        });
    }

    private static void onScratchDatabase(Migration migration) throws Exception {
        ScratchDatabase.run(scratch -> {
            try (Connection connection = scratch.connect()) {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
                    migration.run(connection, liquibase);
                }
            }
        });
    }

    private static int count(Connection connection, String sql) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
