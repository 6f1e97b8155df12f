package io.syncengine.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@code bin/sync-bench}: measures a running sync server under many terminals. The push phase has every terminal
 * post its batches back to back and times each 202 (what a till waits for); watchers meanwhile time each batch
 * until it has applied (what the back office waits for); if asked, one more terminal pulls what changed
 * throughout and times each pull (what a till keeping up waits for); a sampler records the server JVMs' peak
 * memory; last, pgbench measures the database's own ceiling for the apply transaction's shape, twice: its statements
 * on bare tables, and one operation's whole life on the server's schema ({@link Ceilings}). Then, if asked, a
 * terminal pulls a snapshot of many records while the server's heap is sampled, and COPY reads the same rows for
 * comparison. Each run uses fresh tenants, so runs neither disturb each other nor depend on earlier data; what a
 * mix needs in it beforehand (the sales mix's shared products) is set up, unmeasured, before its terminals start.
 */
public final class SyncBench {

    private static final Duration PREFLIGHT_PATIENCE = Duration.ofSeconds(30);

    private final BenchOptions options;
    private final String runId;
    private final Deadline deadline;

    private SyncBench(BenchOptions options) {
        this.options = options;
        this.runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.deadline = Deadline.after(Duration.ofSeconds(options.maxSeconds()));
    }

    public static void main(String[] args) throws Exception {
        if (BenchOptions.wantsHelp(args)) {
            System.out.print(BenchOptions.usage());
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
            requireLoopback(options);
        } catch (IllegalArgumentException e) {
            System.err.println("sync-bench: " + e.getMessage());
            System.err.print(BenchOptions.usage());
            System.exit(2);
            return;
        }
        RunReport run;
        try {
            run = new SyncBench(options).run();
        } catch (BenchAborted e) {
            System.err.println("sync-bench: " + e.getMessage());
            System.exit(1);
            return;
        }
        run.report().lines().forEach(System.out::println);
        if (options.out() != null) {
            Files.writeString(options.out(), run.report().json().toString() + "\n");
        }
        System.exit(run.complete() ? 0 : 1);
    }

    private RunReport run() throws BenchAborted, IOException, GeneralSecurityException, InterruptedException {
        DeviceTokens tokens = DeviceTokens.fromEnvironment();
        Duration ttl = Duration.ofSeconds(options.maxSeconds() + 300L);
        String password = env("PGPASSWORD", "");
        int httpThreads = options.terminals() + options.watchers() + (options.deltaPulls() ? 1 : 0);
        try (SyncClient client = new SyncClient(options.url(), httpThreads)) {
            preflight(client, tokens.device("bench-" + runId, "till-1", ttl), tokens);
            if (options.pullRecords() > 0 || options.auditEvents() > 0) {
                SeededProducts.check(options.database(), password);
            }
            Optional<PushRun> push = options.batches() > 0
                    ? Optional.of(pushAndApply(client, tokens, ttl, password)) : Optional.empty();
            Optional<PullRun> pull = options.pullRecords() > 0
                    ? Optional.of(pull(client, tokens, ttl, password)) : Optional.empty();
            Optional<AuditRun> audit = options.auditEvents() > 0
                    ? Optional.of(audit(client, tokens, ttl, password)) : Optional.empty();
            return new RunReport(options, push, pull, audit);
        }
    }

    /** The push phase with its warm-up (and the delta pulls made meanwhile), then the pgbench ceiling for it. */
    private PushRun pushAndApply(SyncClient client, DeviceTokens tokens, Duration ttl, String password)
            throws BenchAborted, InterruptedException {
        String tenant = "bench-" + runId;
        if (options.warmupBatches() > 0) {
            warmUp(client, tokens, ttl);
        }
        Function<String, TerminalWorkload> workloads = workloads(client, tokens, ttl, tenant);
        progress("tenant " + tenant + ": " + options.terminals() + " terminals x " + options.batches()
                + " batches x " + options.ops() + " operations (" + options.mix().option() + " mix"
                + (options.rate() > 0 ? ", offering " + options.rate() + " operations/s" : ", back to back")
                + ") against " + options.url());

        RssSampler rss = RssSampler.start(options.port());
        SettleWatchers watchers = new SettleWatchers(client, options.watchers(), deadline);
        watchers.start();
        List<Terminal> terminals = terminals(client, tokens, ttl, tenant, options.batches(), options.rate(),
                workloads, watchers);
        Optional<DeltaPuller> puller = Optional.empty();
        if (options.deltaPulls()) {
            progress("device " + SnapshotPull.DEVICE_ID + " pulls deltas, " + DeltaPuller.LIMIT
                    + " changes a page, until every batch has applied");
            puller = Optional.of(DeltaPuller.start(client, tokens.device(tenant, SnapshotPull.DEVICE_ID, ttl),
                    deadline));
        }

        Optional<ApplyPause> paused = Optional.empty();
        if (options.pauseApply()) {
            long launcher = ServerProcesses.find(options.port()).launcher().orElseThrow(() -> new BenchAborted(
                    "--pause-apply: no launcher (sync-launcher.jar run) hosting the broker was found"));
            progress("the broker's operations queue is paused until the push phase is done (--pause-apply)");
            paused = Optional.of(ApplyPause.pause(launcher));
        }
        Instant pushStartedAt = Instant.now();
        long pushStart = System.nanoTime();
        List<TerminalResult> pushed;
        try {
            pushed = push(terminals);
        } finally {
            if (paused.isPresent()) {
                paused.get().close();
            }
        }
        long pushEnd = System.nanoTime();
        Instant pushEndedAt = Instant.now();
        progress(String.format("push phase done in %.1f s; waiting for the operations to apply",
                (pushEnd - pushStart) / 1e9));

        List<BatchOutcome> outcomes = watchers.finish();
        Optional<DeltaPuller.Result> deltaPulls = puller.isPresent() ? Optional.of(puller.get().stop())
                : Optional.empty();
        RssSampler.Peaks peaks = rss.stop();

        return new PushRun(options, tenant, pushStartedAt, pushEndedAt, pushStart, pushEnd, pushed, outcomes,
                peaks, deltaPulls, ceilings(password));
    }

    /** pgbench on bare tables, then on the server's schema; both skipped without a database or a pgbench. */
    private Ceilings ceilings(String password) throws InterruptedException {
        if (options.database() == null) {
            PgbenchResult none = PgbenchResult.skipped("no --pgbench-db-url given");
            return new Ceilings(none, none);
        }
        Pgbench pgbench;
        try {
            pgbench = Pgbench.locate(password, options.pgbenchClients(), options.pgbenchSeconds(), deadline);
        } catch (Pgbench.Unavailable e) {
            PgbenchResult none = PgbenchResult.skipped(e.getMessage());
            return new Ceilings(none, none);
        }
        progress("pgbench for " + options.pgbenchSeconds() + " s on bare tables");
        PgbenchResult bare = new PgbenchCeiling(options.mix(), options.database(), password,
                options.pgbenchRows(), runId).measure(pgbench, deadline);
        progress("pgbench for " + options.pgbenchSeconds() + " s on the server's schema");
        PgbenchResult schema = new SchemaCeiling(options.mix(), options.database(), password,
                options.pgbenchRows(), runId).measure(pgbench, deadline);
        return new Ceilings(bare, schema);
    }

    /**
     * The pull measurement: {@code --pull-records} products seeded in a tenant of their own, then pulled whole by
     * one device while the Payara JVM's heap and RSS are sampled, then read with COPY for the baseline. The
     * products are deleted afterwards, whatever happened.
     */
    private PullRun pull(SyncClient client, DeviceTokens tokens, Duration ttl, String password)
            throws BenchAborted, InterruptedException {
        String tenant = "bench-" + runId + "-pull";
        SeededProducts products = new SeededProducts(options.database(), password, tenant);
        try {
            progress("tenant " + tenant + ": seeding " + options.pullRecords() + " products in the database");
            products.insert(options.pullRecords(), deadline);
            String token = tokens.device(tenant, SnapshotPull.DEVICE_ID, ttl);
            for (int i = 1; i <= options.pullWarmups(); i++) {
                progress("pulling their snapshot to warm up (" + i + " of " + options.pullWarmups() + ")");
                SnapshotPull.Result warmup = SnapshotPull.run(client, token, SnapshotPull.LIMIT, deadline);
                if (warmup.error() != null) {
                    throw new BenchAborted("the warm-up pull failed: " + warmup.error());
                }
            }
            progress("pulling their snapshot, " + SnapshotPull.LIMIT + " records a page");
            HeapSampler heap = HeapSampler.start(options.port(), deadline);
            RssSampler rss = RssSampler.start(options.port());
            SnapshotPull.Result pulled = SnapshotPull.run(client, token, SnapshotPull.LIMIT, deadline);
            HeapSampler.Usage heapUsed = heap.stop();
            RssSampler.Peaks rssPeaks = rss.stop();
            progress("reading the same rows with COPY ... TO STDOUT");
            CopyBaseline.Result copied = CopyBaseline.run(options.database(), password, tenant, deadline);
            return new PullRun(options, tenant, pulled, heapUsed, rssPeaks, copied);
        } catch (SQLException e) {
            throw new BenchAborted("could not seed the products to pull: " + e.getMessage());
        } finally {
            progress("tenant " + tenant + ": deleting its products");
            products.delete();
        }
    }

    /** The audit measurement, in a tenant of its own: see {@link AuditMeasurement}. */
    private AuditRun audit(SyncClient client, DeviceTokens tokens, Duration ttl, String password)
            throws InterruptedException {
        String tenant = "bench-" + runId + "-audit";
        progress("tenant " + tenant + ": seeding " + options.auditEvents() + " audit events in the database");
        SeededEvents events = new SeededEvents(options.database(), password, tenant);
        return new AuditMeasurement(client, tokens.person(tenant, "auditor", ttl), events, options.port(), deadline)
                .run(tenant, options.auditEvents());
    }

    /**
     * One unmeasured round (its own tenant) so that the measured one sees a server whose JIT has compiled the hot
     * paths: on 2 cores Payara's C2 compiler otherwise takes a large share of the CPU during the first minutes.
     */
    private void warmUp(SyncClient client, DeviceTokens tokens, Duration ttl)
            throws BenchAborted, InterruptedException {
        String tenant = "bench-" + runId + "-warmup";
        Function<String, TerminalWorkload> workloads = workloads(client, tokens, ttl, tenant);
        progress("warm-up: " + options.terminals() + " terminals x " + options.warmupBatches() + " batches");
        SettleWatchers watchers = new SettleWatchers(client, options.watchers(), deadline);
        watchers.start();
        push(terminals(client, tokens, ttl, tenant, options.warmupBatches(), 0, workloads, watchers));
        watchers.finish();
    }

    /**
     * What each terminal of {@code tenant} will send, by device id. The sales mix first has the tenant's back
     * office create the products its terminals share, and waits until they have applied.
     */
    private Function<String, TerminalWorkload> workloads(SyncClient client, DeviceTokens tokens, Duration ttl,
            String tenant) throws BenchAborted, InterruptedException {
        return switch (options.mix()) {
            case MASTER -> deviceId -> new MasterDataWorkload(deviceId, options.ops(),
                    ThreadLocalRandom.current().nextLong());
            case SALES -> {
                progress("tenant " + tenant + ": " + SharedProducts.DEVICE_ID + " creates the "
                        + SharedProducts.COUNT + " shared products");
                List<String> shared = SharedProducts.create(client,
                        tokens.device(tenant, SharedProducts.DEVICE_ID, ttl), deadline);
                yield deviceId -> new SalesWorkload(deviceId, options.ops(), shared,
                        ThreadLocalRandom.current().nextLong());
            }
        };
    }

    /** The terminals of one phase, offering {@code rate} operations a second together (0: back to back). */
    private List<Terminal> terminals(SyncClient client, DeviceTokens tokens, Duration ttl, String tenant, int batches,
            int rate, Function<String, TerminalWorkload> workloads, SettleWatchers watchers) throws BenchAborted {
        List<Terminal> terminals = new ArrayList<>();
        Terminal.PreparedMemory memory = new Terminal.PreparedMemory();
        for (int i = 1; i <= options.terminals(); i++) {
            String deviceId = "till-" + i;
            terminals.add(new Terminal(deviceId, tokens.device(tenant, deviceId, ttl), workloads.apply(deviceId),
                    batches, client, deadline, watchers::watch,
                    Terminal.Pacing.of(rate, options.terminals(), options.ops(), i - 1), memory));
        }
        return terminals;
    }

    /** Runs every terminal in its own thread and collects how each went, waiting no longer than the deadline. */
    private List<TerminalResult> push(List<Terminal> terminals) throws InterruptedException {
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(terminals.size(), r -> {
            Thread t = new Thread(r, "bench-terminal-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TerminalResult>> running = new ArrayList<>();
            terminals.forEach(t -> running.add(pool.submit(t)));
            List<TerminalResult> results = new ArrayList<>();
            for (int i = 0; i < running.size(); i++) {
                String deviceId = "till-" + (i + 1);
                try {
                    results.add(running.get(i).get(deadline.remaining().toMillis() + 5_000, TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    results.add(new TerminalResult(deviceId, 0, 0, 0, "still pushing at --max-seconds"));
                } catch (ExecutionException e) {
                    results.add(new TerminalResult(deviceId, 0, 0, 0, "failed: " + e.getCause()));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Asks for the status of a batch that does not exist until the application itself answers 404: that proves the
     * server is up, the application deployed, and the bench's tokens accepted, before any load is sent. Waits a
     * little, because the HTTP port can answer (with the container's own 404) before the application is deployed.
     */
    private void preflight(SyncClient client, String token, DeviceTokens tokens) throws BenchAborted,
            InterruptedException {
        Deadline patience = Deadline.after(PREFLIGHT_PATIENCE);
        String last;
        do {
            try {
                SyncClient.Reply reply = client.status(token, "bench-preflight-" + runId, 0);
                if (reply.status() == 404 && reply.isProblem()) {
                    return;
                }
                if (reply.status() == 401) {
                    throw new BenchAborted("the server refused the bench's tokens (401): they are signed with the"
                            + " keys in " + tokens.keyDir().toAbsolutePath() + "; run the bench with the"
                            + " SYNC_DATA_DIR (and SYNC_JWT_ISSUER) the server was started with");
                }
                last = "HTTP " + reply.status() + (reply.isProblem() ? ": " + reply.body()
                        : " from the container (is the application deployed?)");
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            Thread.sleep(1_000);
        } while (!patience.expired() && !deadline.expired());
        throw new BenchAborted("no sync server ready at " + options.url() + " after "
                + PREFLIGHT_PATIENCE.toSeconds() + " s (last answer: " + last + "); start one with"
                + " bin/sync-server run");
    }

    /** The bench may only load this machine: its memory readings are of local processes anyway. */
    private static void requireLoopback(BenchOptions options) {
        String host = options.url().getHost();
        if (host == null || !options.url().getScheme().matches("https?")) {
            throw new IllegalArgumentException("--url must be http://host:port, got " + options.url());
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("--url must be a loopback address (the bench measures a"
                            + " server on this machine): " + host + " is " + address.getHostAddress());
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in --url: " + host);
        }
    }

    static void progress(String message) {
        System.err.println("sync-bench: " + message);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
