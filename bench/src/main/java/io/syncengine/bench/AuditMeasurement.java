package io.syncengine.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The audit measurement: seeds {@code --audit-events} events ({@link SeededEvents}), waits for the server's sealer
 * to link them all into the tenant's chain, then times {@value #QUERIES} auditor queries of each kind (one at a
 * time, the first page of {@value #LIMIT}), exports {@value #EXPORT_ROWS} events as CSV while sampling the
 * server's heap, and verifies the whole chain.
 */
final class AuditMeasurement {

    static final int QUERIES = 500;
    static final int LIMIT = 100;
    static final long EXPORT_ROWS = 1_000_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String EVENTS = "api/v1/audit/events";

    private final SyncClient client;
    private final String token;
    private final SeededEvents seeded;
    private final int port;
    private final Deadline deadline;

    AuditMeasurement(SyncClient client, String token, SeededEvents seeded, int port, Deadline deadline) {
        this.client = client;
        this.token = token;
        this.seeded = seeded;
        this.port = port;
        this.deadline = deadline;
    }

    AuditRun run(String tenant, int events) throws InterruptedException {
        Map<String, Percentiles> queries = new LinkedHashMap<>();
        double seedSeconds = 0;
        double sealSeconds = 0;
        long exportRows = 0;
        double exportSeconds = 0;
        HeapSampler.Usage heap = HeapSampler.Usage.none("no export");
        double verifySeconds = 0;
        long checked = 0;
        boolean intact = false;
        try {
            long start = System.nanoTime();
            SeededEvents.Seeded written = seeded.insert(events, deadline);
            seedSeconds = (System.nanoTime() - start) / 1e9;
            SyncBench.progress(String.format("seeded in %.1f s; waiting for the sealer to link them", seedSeconds));
            start = System.nanoTime();
            while (!seeded.sealed(written)) {
                if (deadline.expired()) {
                    throw new IOException("the sealer had not linked every event by --max-seconds");
                }
                Thread.sleep(500);
            }
            sealSeconds = (System.nanoTime() - start) / 1e9;
            SyncBench.progress(String.format("sealed in %.1f s; timing queries", sealSeconds));

            ThreadLocalRandom random = ThreadLocalRandom.current();
            Instant now = Instant.now();
            Supplier<String> hour = () -> window(now.minus(random.nextLong(1, 720), ChronoUnit.HOURS),
                    Duration.ofHours(1));
            Supplier<String> device = () -> "deviceId=till-" + random.nextInt(SeededEvents.DEVICES);
            queries.put("device", time(device));
            queries.put("record", time(() -> "entity=product&entityId=p-" + random.nextInt(SeededEvents.RECORDS)));
            queries.put("batch", time(() -> "batchId=batch-" + random.nextInt(SeededEvents.DEVICES) + "-"
                    + random.nextInt(Math.max(1, events / 2 / SeededEvents.DEVICES / 50))));
            queries.put("type", time(() -> "type=CONFLICT"));
            queries.put("operation", time(() -> {
                long op = random.nextLong(events / 2);
                return "deviceId=till-" + op % SeededEvents.DEVICES + "&opId=op-" + op;
            }));
            queries.put("hour", time(hour));
            queries.put("device_day", time(() -> device.get() + "&" + window(now.minus(random.nextLong(1, 30),
                    ChronoUnit.DAYS), Duration.ofDays(1))));
            queries.put("device_next_page", timeNextPage(device));

            long rows = Math.min(EXPORT_ROWS, events);
            // Up to the first event not to export (exclusive); the seeded times are all distinct.
            String bound = rows < events ? "?to=" + encode(seeded.timeAt(rows)) : "";
            SyncBench.progress("exporting " + rows + " events as CSV");
            HeapSampler sampler = HeapSampler.start(port, deadline);
            start = System.nanoTime();
            try {
                exportRows = client.download(token, EVENTS + bound, "text/csv", deadline.bound(TIMEOUT)) - 1;
            } finally {
                heap = sampler.stop();
            }
            exportSeconds = (System.nanoTime() - start) / 1e9;

            SyncBench.progress("verifying the whole chain");
            start = System.nanoTime();
            SyncClient.Reply verified = client.get(token, "api/v1/audit/verify", deadline.bound(TIMEOUT));
            verifySeconds = (System.nanoTime() - start) / 1e9;
            if (verified.status() != 200) {
                throw new IOException("verify: " + verified.summary());
            }
            checked = verified.json().getJsonNumber("checked").longValue();
            intact = verified.json().getBoolean("intact");
            String error = exportRows == rows ? null : "the export had " + exportRows + " rows, not " + rows;
            return new AuditRun(tenant, events, seedSeconds, sealSeconds, queries, exportRows, exportSeconds, heap,
                    verifySeconds, checked, intact, error);
        } catch (IOException | SQLException e) {
            return new AuditRun(tenant, events, seedSeconds, sealSeconds, queries, exportRows, exportSeconds, heap,
                    verifySeconds, checked, intact, e.getMessage());
        }
    }

    private static String window(Instant from, Duration length) {
        return "from=" + encode(from.toString()) + "&to=" + encode(from.plus(length).toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Percentiles time(Supplier<String> query) throws IOException, InterruptedException {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            String path = EVENTS + "?limit=" + LIMIT + "&" + query.get();
            long start = System.nanoTime();
            SyncClient.Reply reply = client.get(token, path, deadline.bound(TIMEOUT));
            nanos.add(System.nanoTime() - start);
            if (reply.status() != 200) {
                throw new IOException(path + ": " + reply.summary());
            }
        }
        return Percentiles.of(nanos);
    }

    /** The second page of a query: the keyset cursor's own cost. */
    private Percentiles timeNextPage(Supplier<String> query) throws IOException, InterruptedException {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            String path = EVENTS + "?limit=" + LIMIT + "&" + query.get();
            SyncClient.Reply first = client.get(token, path, deadline.bound(TIMEOUT));
            String cursor = first.status() == 200 ? first.json().getString("cursor", null) : null;
            if (cursor == null) {
                throw new IOException(path + ": no second page: " + first.summary());
            }
            long start = System.nanoTime();
            SyncClient.Reply reply = client.get(token, path + "&cursor=" + encode(cursor), deadline.bound(TIMEOUT));
            nanos.add(System.nanoTime() - start);
            if (reply.status() != 200) {
                throw new IOException(path + " (next page): " + reply.summary());
            }
        }
        return Percentiles.of(nanos);
    }
}
