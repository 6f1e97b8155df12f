package io.syncengine.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncengine.schema.ScratchDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code SYNC_DB_MIGRATE=false} relies on: the server can tell, without changing anything, which changesets a
 * database lacks — all of them on an empty one, the later ones on a database a DBA left at an older release, none
 * once it is up to date. On a {@link ScratchDatabase}.
 */
class SchemaMigrationTest {

    @Test
    void theServerTellsWhichChangesetsADatabaseLacksWithoutApplyingThem() throws Exception {
        // Liquibase closes the connection it was given, as the server's own calls expect: one connection each.
        ScratchDatabase.run(database -> {
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

    private static long count(ScratchDatabase.Connections database, String sql) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement(); var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
