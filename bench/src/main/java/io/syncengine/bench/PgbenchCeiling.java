package io.syncengine.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the PostgreSQL server itself can do for the shape of one apply transaction: lock an op-log row, lock a
 * record row, raise the record's version, set the op's status, commit. pgbench runs that with several clients on
 * two tables of its own; the transactions per second it reaches is a ceiling the sync server's apply rate can be
 * compared with, so the report says how much of the database's capacity the application layer leaves unused.
 *
 * <p>The tables live in a schema made for this run and dropped after it, so nothing of the given database is
 * touched.
 */
final class PgbenchCeiling {

    private static final Pattern TPS = Pattern.compile(
            "tps = ([0-9]+(?:\\.[0-9]+)?) \\(without initial connection time\\)");
    private static final int PGBENCH_THREADS = 2;
    private static final Duration SETUP_ALLOWANCE = Duration.ofSeconds(60);

    private final PostgresTarget target;
    private final String password;
    private final int clients;
    private final int seconds;
    private final int rows;
    private final String schema;

    PgbenchCeiling(PostgresTarget target, String password, int clients, int seconds, int rows, String runId) {
        this.target = target;
        this.password = password;
        this.clients = clients;
        this.seconds = seconds;
        this.rows = rows;
        this.schema = "sync_bench_" + runId.replaceAll("[^a-z0-9_]", "_");
    }

    PgbenchResult measure(Deadline deadline) throws InterruptedException {
        Optional<Path> pgbench = findPgbench();
        if (pgbench.isEmpty()) {
            return PgbenchResult.skipped("pgbench not found (not on PATH, not in /usr/lib/postgresql/*/bin)");
        }
        Duration needed = Duration.ofSeconds(seconds).plus(SETUP_ALLOWANCE);
        if (deadline.remaining().compareTo(needed) < 0) {
            return PgbenchResult.skipped("not enough time left under --max-seconds for a " + seconds + " s run");
        }
        Path workDir = null;
        try {
            createTables();
            workDir = Files.createTempDirectory("sync-bench-");
            return run(pgbench.get(), workDir, deadline);
        } catch (SQLException e) {
            return PgbenchResult.skipped("could not prepare the pgbench tables: " + e.getMessage());
        } catch (IOException e) {
            return PgbenchResult.skipped("could not run pgbench: " + e.getMessage());
        } finally {
            dropTables();
            deleteTree(workDir);
        }
    }

    private PgbenchResult run(Path pgbench, Path workDir, Deadline deadline)
            throws IOException, InterruptedException {
        Path script = workDir.resolve("apply.sql");
        Files.writeString(script, script());
        Path output = workDir.resolve("pgbench.out");
        List<String> command = new ArrayList<>(List.of(pgbench.toString(),
                "-h", target.host(), "-p", Integer.toString(target.port()), "-U", target.user(),
                "-n", "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(PGBENCH_THREADS, clients)),
                "-T", Integer.toString(seconds), "-f", script.toString(), target.database()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        if (!password.isEmpty()) {
            builder.environment().put("PGPASSWORD", password);
        }
        Process process = builder.start();
        long waitMillis = Math.min(deadline.remaining().toMillis(),
                Duration.ofSeconds(seconds).plus(SETUP_ALLOWANCE).toMillis());
        if (!process.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return PgbenchResult.skipped("pgbench did not finish in time and was stopped");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Matcher tps = TPS.matcher(text);
        if (process.exitValue() != 0 || !tps.find()) {
            return PgbenchResult.skipped("pgbench exited with " + process.exitValue() + ": " + lastLines(text));
        }
        return PgbenchResult.measured(Double.parseDouble(tps.group(1)), pgbench + " -c " + clients + " -j "
                + Math.min(PGBENCH_THREADS, clients) + " -T " + seconds + ", " + rows + " rows per table");
    }

    /** One apply transaction's reads and writes, on random rows (pgbench's own random ids). */
    private String script() {
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

    private void createTables() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE " + schema + ".bench_op (id bigint PRIMARY KEY, status text, payload jsonb)");
            s.execute("CREATE TABLE " + schema + ".bench_record (id bigint PRIMARY KEY, version bigint, name text)");
            try (PreparedStatement ops = c.prepareStatement("INSERT INTO " + schema + ".bench_op "
                    + "SELECT g, 'PENDING', jsonb_build_object('entity', 'product', 'price', '1.00', 'seq', g) "
                    + "FROM generate_series(1, ?) g");
                    PreparedStatement records = c.prepareStatement("INSERT INTO " + schema + ".bench_record "
                            + "SELECT g, 1, 'record ' || g FROM generate_series(1, ?) g")) {
                ops.setInt(1, rows);
                ops.executeUpdate();
                records.setInt(1, rows);
                records.executeUpdate();
            }
            s.execute("ANALYZE " + schema + ".bench_op");
            s.execute("ANALYZE " + schema + ".bench_record");
        }
    }

    private void dropTables() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("sync-bench: could not drop schema " + schema + ": " + e.getMessage());
        }
    }

    private Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(10);
        return DriverManager.getConnection(target.jdbcUrl(), target.user(), password);
    }

    /** As {@code command -v pgbench}, then the newest of the Debian/Ubuntu server packages. */
    static Optional<Path> findPgbench() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "pgbench");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/pgbench"))
                    .filter(Files::isExecutable)
                    .max(Comparator.comparingInt(PgbenchCeiling::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path pgbench) {
        String name = pgbench.getParent().getParent().getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    private static String lastLines(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("sync-bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
