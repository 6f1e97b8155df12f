package io.syncengine.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code sync-server server-check}: proves the EAR on full Payara Server, the way an administrator would install
 * it. With a Payara Server installation (the build unpacks it from Maven Central) it creates a scratch domain on
 * free ports, starts it, gives it the application's settings as system properties, deploys the Artemis resource
 * adapter and then the EAR with {@code asadmin}, waits until the application is ready and runs the same
 * {@link ServerScenario} the Payara Micro tests run. Around it: a scratch database (and a non-superuser role owning
 * it) on the PostgreSQL server {@code SYNC_DB_URL} or {@code SYNC_TEST_DB_URL} names, else on an embedded one, an
 * Artemis broker in this JVM, and a token issuer. Whatever happens, the domain is stopped, the broker stopped and
 * the database and role dropped.
 *
 * <p>Prints one PASS or FAIL line per step and the count ({@code server-check: N passed, N failed}); the exit code
 * is 0 only when every step passed.
 */
public final class PayaraServerCheck {

    private static final Logger LOG = Logger.getLogger(PayaraServerCheck.class.getName());

    private static final String DOMAIN = "sync-check";
    /**
     * What a domain created with {@code --portbase B} listens on, as offsets from B: debugger 9, IIOP 37–39, admin
     * 48, Hazelcast 49 and 59, OSGi shell 66, JMS 76, HTTP 80, HTTPS 81, JMX 86.
     */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};
    private static final int ADMIN_OFFSET = 48;
    private static final int HTTP_OFFSET = 80;
    /** Port bases are tried in this range: below the ephemeral ports, above the well-known services. */
    private static final int PORT_BASE_FROM = 20_000;
    private static final int PORT_BASE_TO = 30_000;

    private final Path home;
    private final Path payara;
    private final Path work;
    private final Path asadmin;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<ServerScenario.Step> steps = new ArrayList<>();
    private Path domains;

    private PayaraServerCheck(Path home, Path payara, Path work) {
        this.home = home;
        this.payara = payara;
        this.work = work;
        this.asadmin = payara.resolve("bin/asadmin");
    }

    /**
     * {@code --home DIR} (the project), optionally {@code --payara DIR} (a Payara Server installation, default the
     * one the build unpacks under {@code ear/target/payara-server/payara6}) and {@code --work DIR} (default {@code
     * ear/target/server-check}).
     *
     * @return the exit code: 0 when every step passed
     */
    public static int run(List<String> args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            options.put(args.get(i), args.get(i + 1));
        }
        if (!options.containsKey("--home") || args.size() % 2 != 0
                || !List.of("--home", "--payara", "--work").containsAll(options.keySet())) {
            throw new IllegalArgumentException("usage: sync-server server-check --home DIR [--payara DIR]"
                    + " [--work DIR]");
        }
        Path home = Path.of(options.get("--home")).toAbsolutePath().normalize();
        PayaraServerCheck check = new PayaraServerCheck(home,
                Path.of(options.getOrDefault("--payara", home.resolve("ear/target/payara-server/payara6").toString()))
                        .toAbsolutePath(),
                Path.of(options.getOrDefault("--work", home.resolve("ear/target/server-check").toString()))
                        .toAbsolutePath());
        Thread hook = new Thread(check::stopAll, "server-check-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return check.check() ? 0 : 1;
        } catch (IllegalStateException | SQLException e) {
            // A check that cannot start (nothing built, a database that cannot take part): one line that says why.
            System.out.println("server-check: cannot run: " + e.getMessage());
            System.out.println("server-check: 0 passed, 1 failed");
            return 1;
        } finally {
            check.stopAll();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private boolean check() throws Exception {
        long begin = System.nanoTime();
        Path ear = home.resolve("ear/target/sync.ear");
        Path rar = home.resolve("sync-jms/target/artemis-ra.rar");
        Path gate = home.resolve("sync-readiness/target/sync-readiness.war");
        for (Path needed : List.of(ear, rar, gate, asadmin)) {
            if (!Files.exists(needed)) {
                throw new IllegalStateException(needed + " is missing: build first (mvn -DskipTests"
                        + " -Dsync.server-check.skip=false pre-integration-test, or bin/sync-server server-check)");
            }
        }
        String version = payaraVersion();
        System.out.println("server-check: Payara Server " + version + " from " + payara);
        Files.createDirectories(work);

        String server = firstSet(System.getenv("SYNC_DB_URL"), System.getenv("SYNC_TEST_DB_URL"));
        String user = firstSet(System.getenv("SYNC_DB_USER"), System.getenv("SYNC_TEST_DB_USER"), "postgres");
        String password = firstSet(System.getenv("SYNC_DB_PASSWORD"), System.getenv("SYNC_TEST_DB_PASSWORD"), "");
        if (server == null) {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(work.resolve("postgres"), false);
            started.push(embedded);
            server = embedded.serverUrl();
        }
        ScratchDatabase database = ScratchDatabase.create(server, user, password);
        started.push(database);
        System.out.println("server-check: database " + database.url + " owned by role " + database.owner);

        Path brokerData = work.resolve("broker");
        deleteTree(brokerData);
        EmbeddedBroker broker = EmbeddedBroker.start(brokerData, SyncServer.freePort(), Map.of(
                "sync.broker.max-delivery-attempts", "5",
                "sync.broker.redelivery-delay-ms", "1000",
                "sync.broker.max-redelivery-delay-ms", "30000"));
        started.push(broker);
        System.out.println("server-check: Artemis broker on 127.0.0.1:" + broker.port());
        TokenIssuer issuer = TokenIssuer.loadOrCreate(work.resolve("keys"), TokenIssuer.DEFAULT_ISSUER);

        Map<String, String> settings = SyncServer.serverSettings();
        settings.put("sync.db.url", database.url);
        settings.put("sync.db.user", database.owner);
        settings.put("sync.db.password", database.ownerPassword);
        settings.put("sync.broker.host", "127.0.0.1");
        settings.put("sync.broker.port", Integer.toString(broker.port()));
        settings.put("mp.jwt.verify.publickey.location", issuer.publicKeyFile().toUri().toString());
        settings.put("mp.jwt.verify.issuer", issuer.issuer());

        int portBase = freePortBase();
        int adminPort = portBase + ADMIN_OFFSET;
        int httpPort = portBase + HTTP_OFFSET;
        domains = work.resolve("domains");
        deleteTree(domains);
        long phase = System.nanoTime();
        boolean ok = step("domain", () -> {
            asadmin(Duration.ofMinutes(3), "create-domain", "--nopassword=true", "--portbase",
                    Integer.toString(portBase), "--domaindir", domains.toString(), DOMAIN);
            started.push(this::stopDomain);
            asadmin(Duration.ofMinutes(5), "start-domain", "--domaindir", domains.toString(), DOMAIN);
            return "domain " + DOMAIN + " created and started in " + seconds(phase) + " (admin port " + adminPort
                    + ", HTTP port " + httpPort + ")";
        });
        long deploying = System.nanoTime();
        ok = ok && step("deploy", () -> {
            asadmin(Duration.ofMinutes(2), "--port", Integer.toString(adminPort), "create-system-properties",
                    systemProperties(settings));
            // In-doubt two-phase transactions are completed from the domain's transaction log when it restarts.
            asadmin(Duration.ofMinutes(2), "--port", Integer.toString(adminPort), "set",
                    "configs.config.server-config.transaction-service.automatic-recovery=true");
            // As the deployment guide recommends: a JVM option, so it takes a restart.
            asadmin(Duration.ofMinutes(2), "--port", Integer.toString(adminPort), "create-jvm-options",
                    SyncServer.JSON_PROVIDER);
            asadmin(Duration.ofMinutes(2), "--port", Integer.toString(adminPort), "create-jvm-options",
                    asadminOperand(SyncServer.COLLECTOR));
            asadmin(Duration.ofMinutes(5), "restart-domain", "--domaindir", domains.toString(), DOMAIN);
            List<String> options = asadmin(Duration.ofMinutes(2), "--port", Integer.toString(adminPort),
                    "list-jvm-options").lines().map(String::strip).toList();
            for (String option : List.of(SyncServer.JSON_PROVIDER, SyncServer.COLLECTOR)) {
                if (!options.contains(option)) {
                    throw new IllegalStateException("the domain's JVM options lack " + option + ": " + options);
                }
            }
            asadmin(Duration.ofMinutes(3), "--port", Integer.toString(adminPort), "deploy", "--name",
                    "sync-readiness", gate.toString());
            asadmin(Duration.ofMinutes(3), "--port", Integer.toString(adminPort), "deploy", "--name",
                    "artemis-ra", rar.toString());
            return "system properties, transaction recovery, the JSON-P provider and the collector set, "
                    + "sync-readiness.war then artemis-ra.rar deployed in " + seconds(deploying);
        });
        URI base = URI.create("http://127.0.0.1:" + httpPort + "/");
        ok = ok && step("gate", () -> notReadyWithoutTheApplication(base));
        long deployingApplication = System.nanoTime();
        ok = ok && step("deploy application", () -> {
            asadmin(Duration.ofMinutes(5), "--port", Integer.toString(adminPort), "deploy", "--name", "sync",
                    ear.toString());
            return "sync.ear deployed in " + seconds(deployingApplication);
        });
        long waiting = System.nanoTime();
        ok = ok && step("ready", () -> {
            awaitReady(base, Duration.ofMinutes(3));
            return "GET /health/ready is 200 with the database and broker checks UP after " + seconds(waiting);
        });
        if (ok) {
            for (ServerScenario.Step step : new ServerScenario(base, issuer, "check-" + UUID.randomUUID()).run()) {
                steps.add(step);
                System.out.println(step);
                ok = step.passed();
            }
            ok = ok && steps.size() == 5 + ServerScenario.STEPS;
        }
        if (!ok) {
            printServerLogTail();
        }
        long passed = steps.stream().filter(ServerScenario.Step::passed).count();
        System.out.println("server-check: " + passed + " passed, " + (steps.size() - passed) + " failed");
        System.out.println("server-check: " + (ok ? "the EAR works on Payara Server " : "FAILED on Payara Server ")
                + version + " (" + seconds(begin) + " from start to end of the scenario)");
        return ok;
    }

    @FunctionalInterface
    private interface Action {
        String run() throws Exception;
    }

    private boolean step(String name, Action action) {
        ServerScenario.Step step;
        try {
            step = new ServerScenario.Step(name, true, action.run());
        } catch (Exception e) {
            step = new ServerScenario.Step(name, false, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        steps.add(step);
        System.out.println(step);
        return step.passed();
    }

    /**
     * Text as asadmin's colon-separated operands take it ({@code create-jvm-options}, the values of
     * {@code create-system-properties}): backslashes doubled, and a colon within it ({@code -XX:+UseParallelGC})
     * escaped, since a bare one separates two operands.
     */
    static String asadminOperand(String text) {
        return text.replace("\\", "\\\\").replace(":", "\\:");
    }

    /**
     * One {@code asadmin} command, answering what it printed; a failure or a timeout throws. Its output goes to a
     * file, not a pipe: {@code start-domain} leaves the server running with the descriptors it inherited, and a pipe
     * would then never reach its end.
     */
    private String asadmin(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(asadmin.toString(), "--interactive=false"));
        command.addAll(List.of(args));
        Path output = work.resolve("asadmin.out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        String shown = "asadmin " + String.join(" ", args);
        System.out.println("  $ " + shown);
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String text = Files.readString(output);
        text.lines().forEach(line -> System.out.println("    " + line));
        if (!finished) {
            throw new IllegalStateException(shown + " did not finish within " + timeout.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(shown + " failed (exit " + process.exitValue() + "): "
                    + text.strip().lines().reduce((first, last) -> last).orElse(""));
        }
        return text;
    }

    /**
     * {@code create-system-properties} takes {@code name=value} pairs separated by colons; a colon or an equals sign
     * within a value (every URL has a colon, a JDBC URL with parameters an equals sign) is escaped with a backslash,
     * or asadmin refuses it ("Invalid property syntax, "=" in value").
     */
    static String systemProperties(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + asadminOperand(e.getValue()).replace("=", "\\="))
                .collect(Collectors.joining(":"));
    }

    /**
     * With the resource adapter deployed and the application not yet: Payara alone would answer readiness and
     * startup UP with no checks (the adapter counts as a started application); the gate keeps both DOWN.
     */
    private static String notReadyWithoutTheApplication(URI base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        StringBuilder seen = new StringBuilder();
        for (String path : List.of("health/ready", "health/started")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 503 || !answer.body().contains("\"application\"")) {
                throw new IllegalStateException("GET /" + path + " without the application: expected 503 with the "
                        + "gate's application check, got " + answer.statusCode() + " " + answer.body());
            }
            seen.append(seen.isEmpty() ? "" : ", ").append("GET /").append(path).append(" is 503");
        }
        return seen + " (application DOWN) while only the gate and the resource adapter are deployed";
    }

    /** As {@link PayaraMicroProcess#awaitReady}: 200 with the application's own checks, not the empty 200. */
    private static void awaitReady(URI base, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("health/ready")).timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (PayaraMicroProcess.applicationReady(answer.statusCode(), answer.body())) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("not ready within " + timeout.toSeconds() + " s; last answer: " + last);
    }

    private void stopDomain() throws IOException, InterruptedException {
        try {
            asadmin(Duration.ofMinutes(2), "stop-domain", "--domaindir", domains.toString(), DOMAIN);
        } catch (IllegalStateException e) {
            LOG.warning("stop-domain failed (" + e.getMessage() + "); killing the domain's process");
            asadmin(Duration.ofMinutes(1), "stop-domain", "--kill=true", "--domaindir", domains.toString(), DOMAIN);
        }
    }

    /** Stops whatever was started, newest first; safe to call twice (the shutdown hook and the normal end). */
    private synchronized void stopAll() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "could not stop " + part, e);
            }
        }
    }

    private void printServerLogTail() {
        if (domains == null) {
            return;
        }
        Path log = domains.resolve(DOMAIN).resolve("logs/server.log");
        if (Files.exists(log)) {
            try {
                List<String> lines = Files.readAllLines(log);
                System.out.println("server-check: the last lines of " + log + ":");
                lines.subList(Math.max(0, lines.size() - 120), lines.size()).forEach(System.out::println);
            } catch (IOException e) {
                LOG.warning("could not read " + log + ": " + e);
            }
        }
    }

    private String payaraVersion() throws IOException {
        Path branding = payara.resolve("glassfish/config/branding/glassfish-version.properties");
        if (!Files.exists(branding)) {
            return "(version unknown)";
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(branding)) {
            p.load(in);
        }
        return p.getProperty("major_version") + "." + p.getProperty("minor_version") + "."
                + p.getProperty("update_version");
    }

    /** A port base whose every derived port is free now. */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(PORT_BASE_FROM / 100, PORT_BASE_TO / 100) * 100;
            boolean free = true;
            for (int offset : PORT_OFFSETS) {
                free = free && isFree(base + offset);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base between " + PORT_BASE_FROM + " and " + PORT_BASE_TO);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String seconds(long sinceNanos) {
        return String.format("%.1f s", (System.nanoTime() - sinceNanos) / 1e9);
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * A database made for one check and owned by a login role made with it, as the application runs in
     * production (owner of its schema, no superuser). Closing rolls back any transaction left prepared in it, then
     * drops both.
     */
    private static final class ScratchDatabase implements AutoCloseable {

        private final String url;
        private final String owner;
        private final String ownerPassword;
        private final String user;
        private final String password;

        private ScratchDatabase(String url, String owner, String ownerPassword, String user, String password) {
            this.url = url;
            this.owner = owner;
            this.ownerPassword = ownerPassword;
            this.user = user;
            this.password = password;
        }

        static ScratchDatabase create(String server, String user, String password) throws SQLException {
            String name = "sync_check_" + UUID.randomUUID().toString().replace("-", "");
            // Named in pg_stat_activity; and a URL with a query proves that such a URL survives asadmin.
            String url = Databases.withDatabase(server, name) + (server.contains("?") ? "&" : "?")
                    + "ApplicationName=sync-server-check";
            Databases.requirePreparedTransactions(server, user, password);
            Databases.ensureExists(url, user, password);
            ScratchDatabase database = new ScratchDatabase(url, name + "_app", UUID.randomUUID().toString(), user,
                    password);
            try (Connection c = DriverManager.getConnection(url, user, password);
                    Statement s = c.createStatement()) {
                s.execute("CREATE ROLE \"" + database.owner + "\" LOGIN PASSWORD '" + database.ownerPassword + "'");
                s.execute("ALTER DATABASE \"" + name + "\" OWNER TO \"" + database.owner + "\"");
            } catch (SQLException e) {
                Databases.drop(url, user, password);
                throw e;
            }
            return database;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(url, user, password);
                    PreparedStatement prepared = c.prepareStatement(
                            "SELECT gid FROM pg_prepared_xacts WHERE database = current_database()");
                    ResultSet gids = prepared.executeQuery();
                    Statement s = c.createStatement()) {
                while (gids.next()) {
                    s.execute("ROLLBACK PREPARED '" + gids.getString(1).replace("'", "''") + "'");
                }
            }
            Databases.drop(url, user, password);
            try (Connection c = DriverManager.getConnection(Databases.withDatabase(url, "postgres"), user, password);
                    Statement s = c.createStatement()) {
                s.execute("DROP ROLE IF EXISTS \"" + owner + "\"");
            }
        }

        @Override
        public String toString() {
            return "database " + url;
        }
    }
}
