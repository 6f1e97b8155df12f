package io.syncengine.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What {@code SYNC_DB_MIGRATE=false} relies on: the server can tell, without changing anything, which changesets a
 * database lacks — all of them on an empty one, the later ones on a database a DBA left at an older release, none
 * once it is up to date. On the PostgreSQL {@code SYNC_TEST_DB_URL} names (a scratch database made and dropped
 * here), else on an embedded one.
 */
class SchemaMigrationTest {

    @Test
    void theServerTellsWhichChangesetsADatabaseLacksWithoutApplyingThem() throws Exception {
        // Liquibase closes the connection it was given, as the server's own calls expect: one connection each.
        onScratchDatabase(database -> {
            List<String> all = SchemaMigration.unapplied(database.connect());
            assertTrue(all.size() > 20, "every changeset is missing on an empty database: " + all.size());
            assertTrue(all.get(0).contains("001-create-sync-batch"), all.get(0));
            assertEquals(all, SchemaMigration.unapplied(database.connect()), "asking changes nothing");
            assertEquals(0, count(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'sync_operation'"));

            SchemaMigration.update(database.connect());
            assertEquals(List.of(), SchemaMigration.unapplied(database.connect()));

            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM databasechangelog WHERE filename LIKE '%021-tag-0.3.0%'");
            }
            List<String> behind = SchemaMigration.unapplied(database.connect());
            assertEquals(1, behind.size(), behind.toString());
            assertTrue(behind.get(0).contains("021-tag-0.3.0"), behind.toString());
        });
    }

    @FunctionalInterface
    private interface Scratch {
        Connection connect() throws Exception;
    }

    @FunctionalInterface
    private interface Work {
        void run(Scratch database) throws Exception;
    }

    private static void onScratchDatabase(Work work) throws Exception {
        String server = System.getenv("SYNC_TEST_DB_URL");
        if (server != null && !server.isBlank()) {
            onScratchDatabase(server, work);
        } else {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
                onScratchDatabase("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", work);
            }
        }
    }

    private static void onScratchDatabase(String server, Work work) throws Exception {
        String name = "sync_migrate_" + UUID.randomUUID().toString().replace("-", "");
        String user = System.getenv().getOrDefault("SYNC_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("SYNC_TEST_DB_PASSWORD", "");
        try (Connection admin = DriverManager.getConnection(server, user, password);
                Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = server.substring(0, server.lastIndexOf('/') + 1) + name;
        try {
            work.run(() -> DriverManager.getConnection(url, user, password));
        } finally {
            try (Connection admin = DriverManager.getConnection(server, user, password);
                    Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    private static long count(Scratch database, String sql) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement(); var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
