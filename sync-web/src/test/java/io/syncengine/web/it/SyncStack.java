package io.syncengine.web.it;

import io.syncengine.launcher.Databases;
import io.syncengine.launcher.EmbeddedBroker;
import io.syncengine.launcher.EmbeddedDatabase;
import io.syncengine.launcher.PayaraMicroProcess;
import io.syncengine.launcher.TokenIssuer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real parts around the application under test, started once per test run before Arquillian starts Payara
 * Micro: PostgreSQL (the server {@code SYNC_TEST_DB_URL} names, else an embedded one) with a database made for this
 * run and dropped after it, and an Artemis broker with a fresh persistent journal. Tests reach both directly to
 * assert what was stored and queued.
 */
public final class SyncStack implements BeforeAllCallback, AfterAllCallback, ExtensionContext.Store.CloseableResource {

    private static SyncStack current;

    private static final Map<String, String> BROKER_SETTINGS = Map.of(
            "sync.broker.redelivery-delay-ms", "100",
            "sync.broker.max-redelivery-delay-ms", "1000",
            "sync.broker.max-delivery-attempts", "4");

    private final EmbeddedDatabase embedded;
    private final String dbUrl;
    private final AppRole app;
    private final Path brokerData;
    private final int brokerPort;
    private volatile EmbeddedBroker broker;
    private final TokenIssuer issuer;
    private final StartupWatch startup;
    private final int httpPort;

    /**
     * The application connects as a role of its own, as in production: it owns the database (Liquibase creates
     * the schema as it) but is no superuser, so the privileges the changelogs revoke really are gone.
     */
    private record AppRole(String name, String password) {
    }

    private SyncStack(EmbeddedDatabase embedded, String dbUrl, AppRole app, Path brokerData, EmbeddedBroker broker,
            TokenIssuer issuer, StartupWatch startup, int httpPort) {
        this.embedded = embedded;
        this.dbUrl = dbUrl;
        this.app = app;
        this.brokerData = brokerData;
        this.brokerPort = broker == null ? 0 : broker.port();
        this.broker = broker;
        this.issuer = issuer;
        this.startup = startup;
        this.httpPort = httpPort;
    }

    /** Used by JUnit only (via {@link SyncIntegrationTest}). */
    public SyncStack() {
        this(null, null, null, null, null, null, null, 0);
    }

    public static SyncStack get() {
        if (current == null) {
            throw new IllegalStateException("the stack starts with the first @SyncIntegrationTest class");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SyncStack.class) {
            if (current == null) {
                current = start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SyncStack.class, current);
            }
        }
    }

    /**
     * Arquillian stops a class's Payara Micro with SIGTERM and does not wait for it (its {@code undeploy} only
     * destroys the process); the next class's Micro then starts on the same port, broker and transaction log while
     * the last one may still be stopping. So after each class this stops that process as the launcher does and
     * waits for it to end ({@link PayaraMicroProcess#stop}, which kills it after
     * {@link PayaraMicroProcess#STOP_LIMIT}), and says how long it took. Runs after Arquillian's own
     * {@code afterAll}: this extension is registered before it.
     */
    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        for (ProcessHandle micro : ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("payara-micro")).toList()) {
            long started = System.nanoTime();
            boolean stopped = PayaraMicroProcess.stop(micro);
            System.out.printf("Payara Micro (pid %d) of %s %s %d ms after the class ended%n", micro.pid(),
                    context.getDisplayName(), stopped ? "stopped" : "did not stop on SIGTERM and was killed",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    private static SyncStack start() throws Exception {
        Path work = Path.of(System.getProperty("sync.it.workDir", "target/it"));
        String server = System.getenv("SYNC_TEST_DB_URL");
        EmbeddedDatabase embedded = null;
        if (server == null || server.isBlank()) {
            embedded = EmbeddedDatabase.start(work.resolve("postgres"), false);
            server = embedded.serverUrl();
        }
        String dbUrl = Databases.withDatabase(server, "sync_it_" + UUID.randomUUID().toString().replace("-", ""));
        Databases.ensureExists(dbUrl, user(), password());
        Databases.requirePreparedTransactions(dbUrl, user(), password());
        AppRole app = new AppRole(Databases.databaseName(dbUrl) + "_app", UUID.randomUUID().toString());
        try (Connection c = DriverManager.getConnection(dbUrl, user(), password());
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE \"" + app.name() + "\" LOGIN PASSWORD '" + app.password() + "'");
            s.execute("ALTER DATABASE \"" + Databases.databaseName(dbUrl) + "\" OWNER TO \"" + app.name() + "\"");
        }

        Path brokerData = work.resolve("broker");
        deleteTree(brokerData);
        EmbeddedBroker broker = EmbeddedBroker.start(brokerData, freePort(), BROKER_SETTINGS);
        TokenIssuer issuer = TokenIssuer.loadOrCreate(work.resolve("keys"), TokenIssuer.DEFAULT_ISSUER);

        int httpPort = freePort();
        List<String> options = PayaraMicroProcess.options(work.resolve("payara"),
                Path.of(System.getProperty("sync.it.readinessGate")),
                Path.of(System.getProperty("sync.it.resourceAdapter")), work.resolve("payara/tx-log"), httpPort,
                Map.ofEntries(
                        Map.entry("sync.db.url", dbUrl),
                        Map.entry("sync.db.user", app.name()),
                        Map.entry("sync.db.password", app.password()),
                        Map.entry("sync.broker.host", "127.0.0.1"),
                        Map.entry("sync.broker.port", Integer.toString(broker.port())),
                        Map.entry("sync.apply.consumers", "8"),
                        Map.entry("sync.recovery.interval-seconds", "1"),
                        Map.entry("sync.recovery.requeue-after-seconds", "4"),
                        Map.entry("sync.pull.purge-interval-seconds", "2"),
                        Map.entry("sync.audit.seal-interval-ms", "200"),
                        Map.entry("sync.metrics.refresh-seconds", "1"),
                        Map.entry("mp.jwt.verify.publickey.location", issuer.publicKeyFile().toUri().toString()),
                        Map.entry("mp.jwt.verify.issuer", issuer.issuer())));
        // The server's log also goes to a file, for the tests that read what it logged.
        Path serverLog = work.resolve("payara/server.log").toAbsolutePath();
        Files.createDirectories(serverLog.getParent());
        try (Stream<Path> earlier = Files.list(serverLog.getParent())) {
            for (Path file : earlier.filter(f -> f.getFileName().toString().startsWith("server.log")).toList()) {
                Files.delete(file);
            }
        }
        options = new java.util.ArrayList<>(options);
        options.addAll(List.of("--logtofile", serverLog.toString()));
        // arquillian.xml hands these to Payara Micro.
        System.setProperty("sync.it.microOptions", String.join(" ", options));
        StartupWatch startup = StartupWatch.start(URI.create("http://127.0.0.1:" + httpPort + "/"));
        return new SyncStack(embedded, dbUrl, app, brokerData, broker, issuer, startup, httpPort);
    }

    @Override
    public void close() throws Exception {
        try {
            broker.close();
            Databases.drop(dbUrl, user(), password());
            try (Connection c = DriverManager.getConnection(Databases.withDatabase(dbUrl, "postgres"), user(),
                    password()); Statement s = c.createStatement()) {
                s.execute("DROP ROLE IF EXISTS \"" + app.name() + "\"");
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            current = null;
        }
    }

    /** Loopback URI of a path on the port every test class's Payara Micro listens on. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** What the health endpoints answered while Payara Micro started. */
    StartupWatch startup() {
        return startup;
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    /** Stops the broker, as an outage would; {@link #startBroker()} brings it back with its journal. */
    public synchronized void stopBroker() throws IOException {
        broker.close();
    }

    /** Starts the broker again on the same port and journal. */
    public synchronized void startBroker() throws Exception {
        broker = EmbeddedBroker.start(brokerData, brokerPort, BROKER_SETTINGS);
    }

    /**
     * What Payara Micro has logged so far, oldest first. It writes {@code server.log.0} and, when that is full,
     * renames it to {@code server.log.1} (and so on, up to 9) and starts a new one: the highest number is the oldest.
     */
    public List<String> serverLog() throws IOException {
        Path dir = Path.of(System.getProperty("sync.it.workDir", "target/it")).resolve("payara");
        List<String> lines = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("server.log"))
                    .sorted(Comparator.comparingInt(SyncStack::rotation).reversed()).toList()) {
                lines.addAll(Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    /** A log file's number; -1 for one without (newer than any numbered one). */
    private static int rotation(Path logFile) {
        String suffix = logFile.getFileName().toString().substring("server.log".length());
        return suffix.matches("\\.\\d+") ? Integer.parseInt(suffix.substring(1)) : -1;
    }

    /** The name of this run's database. */
    public String databaseName() {
        return Databases.databaseName(dbUrl);
    }

    /** A superuser's connection to the server's {@code postgres} database: for acting on this run's database. */
    public Connection serverDatabase() throws SQLException {
        return DriverManager.getConnection(Databases.withDatabase(dbUrl, "postgres"), user(), password());
    }

    /** The test's own connection, as the superuser that made the database: sees and may change everything. */
    public Connection database() throws SQLException {
        return DriverManager.getConnection(dbUrl, user(), password());
    }

    /** A connection as the application's own role, with exactly its privileges. */
    public Connection applicationDatabase() throws SQLException {
        return DriverManager.getConnection(dbUrl, app.name(), app.password());
    }

    /** The issuer whose tokens the server accepts (for tests that mint unusual tokens). */
    public TokenIssuer issuer() {
        return issuer;
    }

    public String token(String tenant, String role, String deviceId) {
        return issuer.mint(tenant, deviceId != null ? deviceId : role + "@" + tenant, List.of(role), deviceId,
                Duration.ofMinutes(30));
    }

    private static String user() {
        String user = System.getenv("SYNC_TEST_DB_USER");
        return user == null ? "postgres" : user;
    }

    private static String password() {
        String password = System.getenv("SYNC_TEST_DB_PASSWORD");
        return password == null ? "" : password;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
}
