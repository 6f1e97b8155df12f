package io.syncengine.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

/**
 * What a DBA relies on: every changeset applies to an empty database, the schema rolls back to the previous release
 * tag, and applies forward again from there. On the PostgreSQL {@code SYNC_TEST_DB_URL} names (a scratch database
 * made and dropped here), else on an embedded one.
 */
class ChangelogRoundTripTest {

    private static final String CHANGELOG = "db/changelog/db.changelog-master.xml";
    private static final String PREVIOUS_RELEASE = "0.1.0";

    @Test
    void everyChangesetAppliesRollsBackToThePreviousReleaseAndAppliesAgain() throws Exception {
        String server = System.getenv("SYNC_TEST_DB_URL");
        if (server != null && !server.isBlank()) {
            roundTripOnScratchDatabase(server);
        } else {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
                roundTripOnScratchDatabase("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
            }
        }
    }

    private static void roundTripOnScratchDatabase(String server) throws Exception {
        String name = "sync_schema_" + UUID.randomUUID().toString().replace("-", "");
        String user = System.getenv().getOrDefault("SYNC_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("SYNC_TEST_DB_PASSWORD", "");
        try (Connection admin = DriverManager.getConnection(server, user, password);
                Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = server.substring(0, server.lastIndexOf('/') + 1) + name;
        try {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
                    liquibase.update("");
                    int all = count(connection, "SELECT count(*) FROM databasechangelog");
                    assertEquals(1, count(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'sale'"));

                    liquibase.rollback(PREVIOUS_RELEASE, "");
                    assertEquals(0, count(connection, "SELECT count(*) FROM pg_tables WHERE tablename IN "
                            + "('sale', 'sale_line', 'stock_movement', 'sync_conflict_resolution', "
                            + "'sync_resolution_job', 'sync_device')"), "the release's tables are gone");
                    assertEquals(0, count(connection, "SELECT count(*) FROM information_schema.columns "
                            + "WHERE column_name IN ('change_xid', 'archived_at', 'resolution_id')"));
                    assertEquals(1, count(connection, "SELECT count(*) FROM pg_tables "
                            + "WHERE tablename = 'sync_operation'"), "the previous release's schema stays");

                    liquibase.update("");
                    assertEquals(all, count(connection, "SELECT count(*) FROM databasechangelog"));
                    assertEquals(1, count(connection, "SELECT count(*) FROM pg_trigger "
                            + "WHERE tgname = 'tr_product_change'"));
                }
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(server, user, password);
                    Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    private static int count(Connection connection, String sql) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
