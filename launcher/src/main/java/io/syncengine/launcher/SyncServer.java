package io.syncengine.launcher;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.syncengine.Settings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code bin/sync-server}: {@code run} starts the whole server on this machine; {@code token} mints a development
 * token. Settings come from environment variables (see the README's configuration table).
 */
public final class SyncServer {

    /**
     * Names JSON-P's provider, so that {@code JsonProvider.provider()} loads that class instead of searching the class
     * path with a {@code ServiceLoader} on every call. Payara's MicroProfile JWT code calls it twice for every token
     * it verifies: that search was a fifth of the server's CPU per request (see docs/benchmarks.md). Payara ships
     * Parsson as the provider, in the same module as the API.
     */
    static final String JSON_PROVIDER = "-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl";

    /**
     * Payara Micro's garbage collector: the parallel one, not G1. On two cores the write bench measured the same
     * throughput or better with a tenth less of Payara's CPU (no concurrent marking, cheaper write barriers) and a
     * peak RSS of 622–638 MiB instead of 644–881 MiB (G1 keeps about 50 MiB of remembered sets and grows its heap
     * to the maximum in some runs and not in others). Its young pauses were 9–10 ms at the median, at most 53 ms;
     * it collects the whole heap only while the application deploys. {@code SYNC_PAYARA_JAVA_OPTS} can choose
     * another ({@code -XX:-UseParallelGC -XX:+UseG1GC}).
     */
    static final String COLLECTOR = "-XX:+UseParallelGC";

    /**
     * Gives the native memory the JVM has freed (the JIT compilers' arenas above all) back to the system every
     * second; otherwise glibc keeps it and the RSS only grows. In the launcher JVM (bin/sync-server sets it there),
     * the resident memory outside what the JVM tracks grew by 12 MiB over three benchmark runs while the JVM's own
     * stayed flat; with the option the peaks were 233–254 MiB against 246–275 MiB (docs/benchmarks.md).
     */
    static final String TRIM_NATIVE_HEAP = "-XX:TrimNativeHeapInterval=1000";

    /**
     * On a machine of at most {@link #FEW_CORES} cores, Payara Micro compiles with C1 only. Its C2 compiler thread
     * took 29-42 % of Payara's CPU in a fresh server's first minutes, on cores that PostgreSQL, the broker and the
     * application need. Paired fresh servers on two cores, C1 only against both compilers (docs/benchmarks.md): ready
     * in 13.0-14.8 s against 17.3-18.5 s with half the CPU, a higher accept rate and a lower delta pull p99 in every
     * pair, the same apply rate, 50-90 MiB less peak RSS. C2's code is better where cores are to spare for compiling
     * it. {@code SYNC_PAYARA_JAVA_OPTS=-XX:TieredStopAtLevel=4} brings C2 back.
     */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    /** Cores up to which Payara Micro runs with {@link #C1_ONLY}. */
    static final int FEW_CORES = 2;

    /** The option that chooses Payara Micro's JIT compilers on a machine of {@code cores} cores, if not both. */
    static Optional<String> compilers(int cores) {
        return cores <= FEW_CORES ? Optional.of(C1_ONLY) : Optional.empty();
    }

    private static final Logger LOG = Logger.getLogger(SyncServer.class.getName());

    private SyncServer() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        if (!command.equals("help")) {
            requireValidSettings(System::getenv);
        }
        switch (command) {
            case "run" -> {
                try {
                    run(Path.of(required(args, 1, "--home")));
                } catch (IllegalStateException e) {
                    // A startup that cannot succeed: one line that says why, not a stack trace. The shutdown hook
                    // stops whatever was started.
                    System.err.println("sync-server: " + e.getMessage());
                    System.exit(1);
                }
            }
            case "token" -> System.out.println(token(List.of(args).subList(1, args.length)));
            case "server-check" -> System.exit(PayaraServerCheck.run(List.of(args).subList(1, args.length)));
            default -> {
                System.out.println("usage: sync-server run | sync-server token --tenant T --role R [--device D]"
                        + " [--subject S] [--ttl-minutes N] | sync-server server-check --home DIR [--payara DIR]"
                        + " [--work DIR]");
                System.exit("help".equals(command) ? 0 : 2);
            }
        }
    }

    /**
     * Checks every setting in the environment against {@link Settings} before anything starts: a bad one ends the
     * launcher with one line per bad setting, naming it (exit code 2).
     */
    static void requireValidSettings(Function<String, String> environment) {
        List<String> problems = Settings.environmentProblems(environment);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("sync-server: " + problem));
            System.exit(2);
        }
    }

    static void run(Path home) throws Exception {
        int httpPort = Integer.parseInt(setting("SYNC_HTTP_PORT"));
        requireFree(httpPort);
        Path micro = home.resolve("launcher/target/payara-micro.jar");
        Path war = home.resolve("sync-web/target/sync.war");
        Path rar = home.resolve("sync-jms/target/artemis-ra.rar");
        Path gate = home.resolve("sync-readiness/target/sync-readiness.war");
        List<String> jvm = payaraJvmOptions();
        if (jvm.contains(C1_ONLY)) {
            LOG.info("Payara Micro compiles with C1 only on this machine's " + Runtime.getRuntime().availableProcessors()
                    + " cores (SYNC_PAYARA_JAVA_OPTS=-XX:TieredStopAtLevel=4 brings C2 back)");
        }
        if (compilesWithC1Only()) {
            LOG.info("the broker's JVM (this one) compiles with C1 only: bin/sync-server asks for it on two cores or"
                    + " fewer");
        }
        // Once for a build and a JDK, like the build itself: not part of the start it precedes.
        Optional<PreparedRuntime> prepared = PreparedRuntime.prepareOrNone(micro,
                home.resolve("launcher/target/micro-runtime"), jvm, List.of(gate, rar));
        long started = System.nanoTime();
        Path dataDir = dataDir();
        Path instanceDir = dataDir.resolve("instance-" + httpPort);
        List<AutoCloseable> running = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(running), "sync-server-shutdown"));

        Map<String, String> config = serverSettings();

        String dbUrl = System.getenv("SYNC_DB_URL");
        String dbUser = setting("SYNC_DB_USER");
        String dbPassword = setting("SYNC_DB_PASSWORD");
        if (dbUrl == null) {
            EmbeddedDatabase database = EmbeddedDatabase.start(instanceDir.resolve("postgres"), true);
            running.add(0, database);
            dbUrl = Databases.withDatabase(database.serverUrl(), "sync");
            LOG.info("embedded PostgreSQL started: " + database.serverUrl());
        }
        Databases.ensureExists(dbUrl, dbUser, dbPassword);
        Databases.requirePreparedTransactions(dbUrl, dbUser, dbPassword);
        if (System.getenv("SYNC_APPLY_CONSUMERS") == null && Databases.onThisMachine(dbUrl)) {
            String sessions = Integer.toString(applySessionsBesideTheDatabase());
            config.put("sync.apply.consumers", sessions);
            LOG.info("the database runs on this machine: " + sessions + " apply sessions, one per core and one more"
                    + " (SYNC_APPLY_CONSUMERS sets another number)");
        }
        config.put("sync.db.url", dbUrl);
        config.put("sync.db.user", dbUser);
        config.put("sync.db.password", dbPassword);

        String brokerUrl = System.getenv("SYNC_BROKER_URL");
        String brokerHost;
        int brokerPort;
        if (brokerUrl == null) {
            brokerHost = "127.0.0.1";
            brokerPort = Integer.parseInt(env("SYNC_BROKER_PORT", Integer.toString(freePort())));
            EmbeddedBroker broker = EmbeddedBroker.start(instanceDir.resolve("broker"), brokerPort, Map.of(
                    "sync.broker.max-delivery-attempts", setting("SYNC_BROKER_MAX_DELIVERY_ATTEMPTS"),
                    "sync.broker.redelivery-delay-ms", setting("SYNC_BROKER_REDELIVERY_DELAY_MS"),
                    "sync.broker.max-redelivery-delay-ms", setting("SYNC_BROKER_MAX_REDELIVERY_DELAY_MS")));
            running.add(0, broker);
            LOG.info("embedded Artemis broker started on " + brokerHost + ":" + brokerPort);
        } else {
            URI uri = URI.create(brokerUrl);
            brokerHost = uri.getHost();
            brokerPort = uri.getPort();
        }
        config.put("sync.broker.host", brokerHost);
        config.put("sync.broker.port", Integer.toString(brokerPort));

        TokenIssuer issuer = TokenIssuer.loadOrCreate(dataDir.resolve("keys"), setting("SYNC_JWT_ISSUER"));
        if (System.getenv("SYNC_JWT_PUBLIC_KEY_LOCATION") == null) {
            config.put("mp.jwt.verify.publickey.location", issuer.publicKeyFile().toUri().toString());
            config.put("mp.jwt.verify.issuer", issuer.issuer());
        } else {
            config.put("mp.jwt.verify.publickey.location", System.getenv("SYNC_JWT_PUBLIC_KEY_LOCATION"));
            config.put("mp.jwt.verify.issuer", setting("SYNC_JWT_ISSUER"));
        }

        String extraJvmOptions = System.getenv("SYNC_PAYARA_JAVA_OPTS");
        if (extraJvmOptions != null && !extraJvmOptions.isBlank()) {
            jvm.addAll(List.of(extraJvmOptions.trim().split("\\s+")));
        }
        PayaraMicroProcess payara = PayaraMicroProcess.start(micro, prepared, war, gate, rar,
                instanceDir.resolve("payara"), httpPort, config, jvm);
        running.add(0, payara);
        payara.awaitReady(Duration.ofMinutes(3));

        double seconds = (System.nanoTime() - started) / 1e9;
        String base = "http://localhost:" + httpPort;
        System.out.printf("%nSync server ready in %.1f s%n"
                + "  API:      %s/api/v1%n"
                + "  OpenAPI:  %s/openapi%n"
                + "  API docs: %s/api-docs/%n"
                + "  Health:   %s/health/ready%n"
                + "  Token:    bin/sync-server token --tenant t1 --role device --device till-1%n"
                + "  Data:     %s%n"
                + "Ctrl-C stops everything.%n", seconds, base, base, base, base, instanceDir.toAbsolutePath());
        int exit = payara.waitFor();
        LOG.warning("Payara Micro exited with code " + exit);
        System.exit(exit == 0 ? 0 : 1);
    }

    /** Payara Micro's JVM options before {@code SYNC_PAYARA_JAVA_OPTS}; its runtime is also prepared with them. */
    static List<String> payaraJvmOptions() {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + setting("SYNC_PAYARA_HEAP"),
                "-XX:MaxMetaspaceSize=384m", "-Xss512k", COLLECTOR, "-Djava.net.preferIPv4Stack=true",
                JSON_PROVIDER));
        if (trimsNativeHeap()) {
            jvm.add(TRIM_NATIVE_HEAP);
        }
        compilers(Runtime.getRuntime().availableProcessors()).ifPresent(jvm::add);
        return jvm;
    }

    /**
     * Settings every instance gets as system properties, because Payara resolves them while deploying, before the
     * application's own configuration is visible.
     */
    static Map<String, String> serverSettings() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("sync.apply.consumers", setting("SYNC_APPLY_CONSUMERS"));
        return config;
    }

    /** Whether this JVM, which hosts the embedded broker, was started with {@link #C1_ONLY}. */
    static boolean compilesWithC1Only() {
        return vmOption("TieredStopAtLevel").filter("1"::equals).isPresent();
    }

    /**
     * Whether this JVM knows {@link #TRIM_NATIVE_HEAP} (JDK 17.0.9 and later); Payara Micro runs on the same JDK.
     */
    static boolean trimsNativeHeap() {
        return vmOption("TrimNativeHeapInterval").isPresent();
    }

    /** The value of one of this JVM's HotSpot options; empty when this JVM does not have it. */
    private static Optional<String> vmOption(String name) {
        try {
            return Optional.of(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name)
                    .getValue());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Apply sessions when PostgreSQL shares this machine's cores: one per core (at least two) and one more. More only
     * queue for the same cores, and every push and pull then waits behind them: on two cores, two sessions instead
     * of eight applied as fast and halved the accept latency. The one more is for the time each session waits for
     * its commit to reach the disk: with two sessions on two cores about a seventh of the machine stayed idle while
     * the queue drained, with three almost none, and the apply was faster (docs/benchmarks.md).
     */
    static int applySessionsBesideTheDatabase() {
        return Math.max(2, Runtime.getRuntime().availableProcessors()) + 1;
    }

    static String token(List<String> args) throws Exception {
        String tenant = null;
        String device = null;
        String subject = null;
        List<String> roles = new ArrayList<>();
        long ttlMinutes = 8 * 60;
        for (int i = 0; i < args.size(); i++) {
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (args.get(i)) {
                case "--tenant" -> tenant = value;
                case "--role" -> roles.add(value);
                case "--device" -> device = value;
                case "--subject" -> subject = value;
                case "--ttl-minutes" -> ttlMinutes = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
            i++;
        }
        if (tenant == null || roles.isEmpty()) {
            throw new IllegalArgumentException("token needs --tenant and at least one --role"
                    + " (device, operator, auditor, admin)");
        }
        if (roles.contains("device") && device == null) {
            throw new IllegalArgumentException("a device token needs --device");
        }
        TokenIssuer issuer = TokenIssuer.loadOrCreate(dataDir().resolve("keys"),
                setting("SYNC_JWT_ISSUER"));
        String sub = subject != null ? subject : device != null ? device : String.join("+", roles) + "@" + tenant;
        return issuer.mint(tenant, sub, roles, device, Duration.ofMinutes(ttlMinutes));
    }

    private static void stopAll(List<AutoCloseable> running) {
        for (AutoCloseable part : running) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "could not stop " + part.getClass().getSimpleName(), e);
            }
        }
        running.clear();
    }

    private static Path dataDir() throws IOException {
        Path dir = Path.of(setting("SYNC_DATA_DIR"));
        Files.createDirectories(dir);
        return dir;
    }

    /** A setting of the launcher's environment, or its default from the settings table ({@link Settings}). */
    private static String setting(String name) {
        return env(name, Settings.fallback(name));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String required(String[] args, int index, String name) {
        if (args.length <= index + 1 || !args[index].equals(name)) {
            throw new IllegalArgumentException("expected " + name + " DIR");
        }
        return args[index + 1];
    }

    /** Fails at once, naming the setting, when another process (an earlier instance, say) holds the port. */
    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("HTTP port " + port + " is in use; stop what holds it or set"
                    + " SYNC_HTTP_PORT to another port");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
