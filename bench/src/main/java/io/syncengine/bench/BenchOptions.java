package io.syncengine.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code bin/sync-bench}. Every setting has a default so that a bare run is meaningful and
 * two runs with the same options are comparable.
 *
 * @param batches     0 for no push phase (then no warm-up and no pgbench either: only the pull is measured)
 * @param rate        operations per second the terminals offer together, each on a fixed schedule (open loop); 0 for
 *                    back to back, each terminal posting as soon as its previous batch was accepted (closed loop)
 * @param deltaPulls  whether a terminal pulls deltas during the push phase, timing each pull
 * @param pauseApply  whether the broker's operations queue is paused during the push phase (accept measured alone)
 * @param database    the server's database ({@code --pgbench-db-url}, {@code --db-user}); null when the PostgreSQL
 *                    ceiling is not to be measured and nothing is to be pulled
 * @param pullRecords 0 for no pull measurement
 * @param pullWarmups snapshots pulled whole, untimed, before the measured one
 * @param auditEvents 0 for no audit measurement
 * @param out         null when no JSON report is wanted
 */
record BenchOptions(
        URI url,
        int terminals,
        int batches,
        int rate,
        int warmupBatches,
        int ops,
        Mix mix,
        int watchers,
        int maxSeconds,
        PostgresTarget database,
        int pgbenchSeconds,
        int pgbenchClients,
        int pgbenchRows,
        boolean deltaPulls,
        boolean pauseApply,
        int pullRecords,
        int pullWarmups,
        int auditEvents,
        Path out) {

    /** The server's own limit on operations per batch (contract: Push). */
    static final int MAX_OPS_PER_BATCH = 1000;

    private static final Map<String, String> DEFAULTS = defaults();
    /** Options that take no value: naming one turns it on. */
    private static final Set<String> FLAGS = Set.of("--delta-pulls", "--pause-apply");

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("--url", "http://127.0.0.1:8080");
        d.put("--terminals", "20");
        d.put("--batches", "30");
        d.put("--rate", "0");
        d.put("--warmup-batches", "5");
        d.put("--ops", "100");
        d.put("--mix", Mix.MASTER.option());
        d.put("--watchers", "4");
        d.put("--max-seconds", "600");
        d.put("--pgbench-db-url", null);
        d.put("--db-user", "postgres");
        d.put("--pgbench-seconds", "20");
        d.put("--pgbench-clients", "8");
        d.put("--pgbench-rows", "100000");
        d.put("--delta-pulls", "false");
        d.put("--pause-apply", "false");
        d.put("--pull-records", "0");
        d.put("--pull-warmups", "1");
        d.put("--audit-events", "0");
        d.put("--out", null);
        return d;
    }

    static boolean wantsHelp(String[] args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    /**
     * Reads {@code --name value} or {@code --name=value} options, and flags ({@code --name}, or {@code --name=true}
     * or {@code =false}); unknown or malformed ones fail.
     */
    static BenchOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (FLAGS.contains(arg)) {
                value = "true";
            } else if (rest.isEmpty()) {
                throw new IllegalArgumentException(arg + " needs a value");
            } else {
                value = rest.remove(0);
            }
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            values.put(name, value);
        }
        String dbUrl = values.get("--pgbench-db-url");
        int batches = number(values, "--batches", 0, 100_000);
        int pullRecords = number(values, "--pull-records", 0, 10_000_000);
        if (pullRecords > 0 && dbUrl == null) {
            throw new IllegalArgumentException("--pull-records needs --pgbench-db-url: the records to pull are"
                    + " written straight into the server's database");
        }
        int auditEvents = number(values, "--audit-events", 0, 100_000_000);
        if (auditEvents > 0 && dbUrl == null) {
            throw new IllegalArgumentException("--audit-events needs --pgbench-db-url: the events to query are"
                    + " written straight into the server's database");
        }
        if (batches == 0 && pullRecords == 0 && auditEvents == 0) {
            throw new IllegalArgumentException("--batches 0 leaves nothing to measure without --pull-records or"
                    + " --audit-events");
        }
        boolean deltaPulls = flag(values, "--delta-pulls");
        if (deltaPulls && batches == 0) {
            throw new IllegalArgumentException("--delta-pulls times pulls during the push phase: it needs --batches"
                    + " above 0");
        }
        int rate = number(values, "--rate", 0, 10_000_000);
        if (rate > 0 && batches == 0) {
            throw new IllegalArgumentException("--rate paces the push phase: it needs --batches above 0");
        }
        boolean pauseApply = flag(values, "--pause-apply");
        if (pauseApply && batches == 0) {
            throw new IllegalArgumentException("--pause-apply holds the queue during the push phase: it needs"
                    + " --batches above 0");
        }
        String out = values.get("--out");
        return new BenchOptions(
                URI.create(values.get("--url")),
                number(values, "--terminals", 1, 1000),
                batches,
                rate,
                number(values, "--warmup-batches", 0, 100_000),
                number(values, "--ops", 1, MAX_OPS_PER_BATCH),
                Mix.parse(values.get("--mix")),
                number(values, "--watchers", 1, 64),
                number(values, "--max-seconds", 10, 86_400),
                dbUrl == null ? null : PostgresTarget.parse(dbUrl, values.get("--db-user")),
                number(values, "--pgbench-seconds", 1, 3600),
                number(values, "--pgbench-clients", 1, 100),
                number(values, "--pgbench-rows", 1, 10_000_000),
                deltaPulls,
                pauseApply,
                pullRecords,
                number(values, "--pull-warmups", 0, 100),
                auditEvents,
                out == null ? null : Path.of(out));
    }

    private static int number(Map<String, String> values, String name, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number: " + values.get(name));
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ": " + n);
        }
        return n;
    }

    private static boolean flag(Map<String, String> values, String name) {
        return switch (values.get(name)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " takes no value (or =true, =false): "
                    + values.get(name));
        };
    }

    /** The HTTP port of the server, which also identifies its Payara Micro process. */
    int port() {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equals(url.getScheme()) ? 443 : 80;
    }

    static String usage() {
        return String.join("\n",
                "usage: bin/sync-bench [options]",
                "",
                "Benchmarks a sync server that is already running on this machine (start it with bin/sync-server run).",
                "Each run uses a fresh tenant, so runs do not interfere with each other or with other data.",
                "Tokens are signed with the keys in $SYNC_DATA_DIR/keys (default: data/keys), as bin/sync-server",
                "token does, so run it with the same SYNC_DATA_DIR as the server. Relative paths are relative to",
                "the project directory, as for bin/sync-server.",
                "",
                option("--url URL", "the server (loopback only)"),
                option("--terminals N", "concurrent terminals (devices till-1..N)"),
                option("--batches B", "batches each terminal pushes, back to back (0 = no push phase,"),
                option("", "no warm-up, no pgbench: only the pull)"),
                option("--rate R", "operations per second the terminals offer together, on a fixed"),
                option("", "schedule (0 = back to back; see below)"),
                option("--warmup-batches W", "batches each terminal pushes first, unmeasured, so the server's JIT"
                        + " has compiled the hot paths (0 = none)"),
                option("--ops K", "operations per batch (at most " + MAX_OPS_PER_BATCH + ")"),
                option("--mix M", "what the terminals send: " + Mix.options() + " (see below)"),
                option("--watchers W", "threads waiting for batches to apply"),
                option("--max-seconds S", "the whole run stops after this long"),
                option("--pgbench-db-url URL", "jdbc:postgresql://host:port/db, the server's database: measure"),
                option("", "the PostgreSQL ceilings on its server with pgbench (see below)"),
                option("--db-user USER", "user for that database (password: $PGPASSWORD)"),
                option("--pgbench-seconds T", "length of the pgbench run"),
                option("--pgbench-clients C", "pgbench clients (-c; -j 2)"),
                option("--pgbench-rows R", "rows in the bare op table, and records (--mix master)"),
                option("--delta-pulls", "during the push phase, a terminal pulls what changed and times"),
                option("", "each pull (needs --batches above 0, see below)"),
                option("--pause-apply", "hold the operations queue while the terminals push, so that"),
                option("", "accepting is measured alone (embedded broker only, see below)"),
                option("--pull-records N", "then measure a pull of a snapshot of N products (0 = none;"),
                option("", "needs --pgbench-db-url, see below)"),
                option("--pull-warmups N", "untimed pulls of that snapshot before the measured one (1)"),
                option("--audit-events N", "then measure the audit log on N seeded events (0 = none; needs"),
                option("", "--pgbench-db-url; they cannot be deleted: use a scratch database)"),
                option("--out FILE", "also write the report as JSON to FILE"),
                option("--help", "this text"),
                "",
                "--mix master: each terminal's first batch creates its own products; later batches edit them",
                "with the right base versions, and every tenth operation creates a category or a customer.",
                "pgbench runs a master-data apply (lock an op row and a product row, raise the version).",
                "--mix sales: before each tenant's terminals start (warm-up included), device "
                        + SharedProducts.DEVICE_ID + " creates",
                SharedProducts.COUNT + " products they all share (unmeasured). Each terminal's first operations"
                        + " create a few products",
                "of its own; then 70 % are sales of 1-3 shared products, 20 % stock deliveries of them and 10 %",
                "edits of its own products. pgbench runs a sale apply (lock an op row and one of "
                        + SharedProducts.COUNT + " hot products,",
                "take from its stock, insert a sale and a sale line; on the server's schema, the mix's three kinds",
                "weighted 70/20/10, see below). Neither mix should cause conflicts.",
                "",
                "pgbench, with --pgbench-db-url: two ceilings for the apply rate, each --pgbench-seconds long,",
                "after the push phase. Bare: the mix's apply statements on tables of their own with primary keys",
                "only, in a schema made for the run (the figure of runs before 2026-12-04). Schema: one operation's",
                "whole life on the server's own tables, in a database made for the run and migrated by the server's",
                "changelogs: insert the sync_operation row, lock it and the record, change the record, set the",
                "operation APPLIED, one commit, with every index and trigger (the audit events, the pull's change",
                "stamp). Reported: both tps and the apply rate's ratio to each (apply_to_pgbench_ratio,",
                "apply_to_schema_pgbench_ratio). Both are dropped after the run.",
                "",
                "--rate R: each terminal posts a batch every terminals x ops / R seconds, the terminals' schedules",
                "spread evenly over that interval, whether or not earlier batches were answered in time (open loop).",
                "A batch's accept latency is timed from the moment it was due, so a terminal that falls behind",
                "counts the wait (no coordinated omission). With 0, each terminal posts as soon as its previous",
                "batch was accepted (closed loop): the accept rate is then the most the server takes, and the",
                "latency is mostly queueing, about terminals x ops / accept rate.",
                "",
                "--delta-pulls: while the terminals push and until every batch has applied, device "
                        + SnapshotPull.DEVICE_ID + " of the",
                "measured tenant pulls its products: a snapshot (" + DeltaPuller.LIMIT
                        + " a page) for a cursor, then what changed since,",
                DeltaPuller.LIMIT + " a page, following the cursor, waiting 100 ms whenever hasMore is false."
                        + " Reported: how many",
                "delta pulls, the changes they brought, and the p50, p99 and maximum of their latency (sending the",
                "request to the last byte of the answer).",
                "",
                "--pause-apply: once the warm-up has applied, the bench pauses the embedded broker's queue of",
                "operations (its management bean, through the launcher JVM, which must run as the bench's user),",
                "the terminals push, and the queue is resumed when the push phase is done. So the accept figures",
                "are the accept path's alone, with no operation applying on the same cores; the apply figures",
                "then count from the start of the push and include the pause.",
                "",
                "--pull-records N: after the push phase (or alone, with --batches 0) N products of a tenant of their",
                "own are written straight into the product table of the --pgbench-db-url database (pushing them",
                "would take far longer than the pull), then device " + SnapshotPull.DEVICE_ID
                        + " pulls their snapshot, " + SnapshotPull.LIMIT + " a page, until",
                "hasMore is false: --pull-warmups times untimed (the JIT compilers of a freshly started server and",
                "of the bench otherwise take a good part of the cores during the pull), then once more, measured.",
                "Reported: records/s, pages, and the Payara JVM's used heap before and at peak",
                "(jstat every 250 ms) and RSS at peak during the pull. Then, as the baseline, the same rows in the",
                "same order are read with COPY (SELECT ...) TO STDOUT through the JDBC driver; reported: its rows/s",
                "and the pull's rate as a ratio of it. The products are deleted afterwards.",
                "",
                "--audit-events N: N events of a tenant of their own are written straight into the append-only",
                "audit_event table (" + SeededEvents.DEVICES + " devices, " + SeededEvents.RECORDS
                        + " products, a month), and the server's sealer links them into the",
                "tenant's hash chain (reported: seconds and events/s). Then an auditor times "
                        + AuditMeasurement.QUERIES + " queries of each kind,",
                "one at a time, first page of " + AuditMeasurement.LIMIT
                        + " (by device, record, batch, type, one operation, an hour, a device's day,",
                "and a second page by cursor; p50/p99/max), exports " + AuditMeasurement.EXPORT_ROWS
                        + " events as CSV while the server's heap is sampled,",
                "and verifies the whole chain. The log is append-only: the events stay; use a scratch database.",
                "",
                "The report is printed as 'key: value' lines. Exit status 0 when every batch was accepted and",
                "settled, every delta pull answered and every seeded record pulled, 1 when the run was incomplete",
                "(see push_errors, batches_unsettled, delta_pull_error, pull_check), 2 on bad options.",
                "");
    }

    private static String option(String synopsis, String text) {
        String name = synopsis.split(" ")[0];
        String fallback = DEFAULTS.get(name);
        return String.format("  %-24s%-64s%s", synopsis, text, fallback == null ? "" : "[" + fallback + "]")
                .stripTrailing();
    }
}
