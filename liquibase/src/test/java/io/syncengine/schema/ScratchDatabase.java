package io.syncengine.schema;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database made for one test and dropped after it: on the PostgreSQL {@code SYNC_TEST_DB_URL} names when set
 * (as {@code SYNC_TEST_DB_USER}, default postgres), else on an embedded PostgreSQL started for the test. Shared with
 * the other modules' tests through this module's test jar.
 */
public final class ScratchDatabase {

    @FunctionalInterface
    public interface Connections {
        /** A new connection to the scratch database; the caller closes it. */
        Connection connect() throws Exception;
    }

    @FunctionalInterface
    public interface Work {
        void run(Connections database) throws Exception;
    }

    private ScratchDatabase() {
    }

    public static void run(Work work) throws Exception {
        String server = System.getenv("SYNC_TEST_DB_URL");
        if (server != null && !server.isBlank()) {
            run(server, work);
        } else {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
                run("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", work);
            }
        }
    }

    private static void run(String server, Work work) throws Exception {
        String name = "sync_scratch_" + UUID.randomUUID().toString().replace("-", "");
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
}
