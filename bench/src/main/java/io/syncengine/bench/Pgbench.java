package io.syncengine.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * PostgreSQL's own benchmark client, run on a script: the transactions per second it reaches with {@code clients}
 * connections for {@code seconds}. The ceilings ({@link PgbenchCeiling}, {@link SchemaCeiling}) say what the
 * script does and on which tables.
 */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile(
            "tps = ([0-9]+(?:\\.[0-9]+)?) \\(without initial connection time\\)");
    private static final int THREADS = 2;
    /** Time a ceiling may take beyond pgbench's own run to make and fill its tables. */
    static final Duration SETUP_ALLOWANCE = Duration.ofSeconds(60);

    private final Path executable;
    private final String password;
    private final int clients;
    private final int seconds;

    private Pgbench(Path executable, String password, int clients, int seconds) {
        this.executable = executable;
        this.password = password;
        this.clients = clients;
        this.seconds = seconds;
    }

    /** The machine's pgbench; {@link Unavailable} says why there is none, or no time left for it. */
    static Pgbench locate(String password, int clients, int seconds, Deadline deadline) throws Unavailable {
        Optional<Path> executable = find();
        if (executable.isEmpty()) {
            throw new Unavailable("pgbench not found (not on PATH, not in /usr/lib/postgresql/*/bin)");
        }
        if (deadline.remaining().compareTo(Duration.ofSeconds(seconds).plus(SETUP_ALLOWANCE)) < 0) {
            throw new Unavailable("not enough time left under --max-seconds for a " + seconds + " s run");
        }
        return new Pgbench(executable.get(), password, clients, seconds);
    }

    /**
     * Runs {@code scripts} against {@code database}, each transaction one of them chosen by weight; {@code tables}
     * describes the tables for the report.
     */
    PgbenchResult run(PostgresTarget database, List<Script> scripts, String tables, Deadline deadline)
            throws IOException, InterruptedException {
        Path workDir = Files.createTempDirectory("sync-bench-");
        try {
            return run(database, scripts, tables, deadline, workDir);
        } finally {
            deleteTree(workDir);
        }
    }

    private PgbenchResult run(PostgresTarget database, List<Script> scripts, String tables, Deadline deadline,
            Path workDir) throws IOException, InterruptedException {
        Path output = workDir.resolve("pgbench.out");
        int threads = Math.min(THREADS, clients);
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "-h", database.host(), "-p", Integer.toString(database.port()), "-U", database.user(),
                "-n", "-c", Integer.toString(clients), "-j", Integer.toString(threads),
                "-T", Integer.toString(seconds)));
        for (Script script : scripts) {
            Path file = workDir.resolve(script.name() + ".sql");
            Files.writeString(file, script.text());
            command.addAll(List.of("-f", file + "@" + script.weight()));
        }
        command.add(database.database());
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
        return PgbenchResult.measured(Double.parseDouble(tps.group(1)),
                executable + " -c " + clients + " -j " + threads + " -T " + seconds + ", " + tables);
    }

    /** As {@code command -v pgbench}, then the newest of the Debian/Ubuntu server packages. */
    static Optional<Path> find() {
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
                    .max(Comparator.comparingInt(Pgbench::majorVersion));
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
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("sync-bench: could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** A pgbench script, and how often it runs relative to the others of the run. */
    record Script(String name, String text, int weight) {
    }

    /** Why pgbench cannot run: the report shows the message instead of a ceiling. */
    static final class Unavailable extends Exception {
        Unavailable(String why) {
            super(why);
        }
    }
}
