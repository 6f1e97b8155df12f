package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What operators watch, on the real stack. MicroProfile Metrics: the Prometheus text at {@code /metrics} moves as
 * operations flow — received, applied, rejected, conflict, the apply time, the open conflicts, the backlog while an
 * apply waits, the queues, and pulls. Logs: one receipt can be followed from push to each outcome, and no payload
 * or token is ever written. (One class: each test class costs a Payara Micro start.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT extends SyncTestBase {

    private static final Duration REFRESHED = Duration.ofSeconds(30);
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Probe probe() {
        return new Probe(uri("/"));
    }

    /**
     * First in this class, before it applies anything: the apply timer is there from the start (made once, not by
     * the first applies racing to register it in Payara's registry, which failed a delivery).
     */
    @Test
    @Order(1)
    void theApplyTimerIsRegisteredBeforeAnyApply() {
        probe().await("metrics?scope=application", a -> a.body().contains("sync_apply_duration_seconds_count"),
                REFRESHED);
    }

    @Test
    void countersMoveAsOperationsFlow() {
        String till = "till-m";
        double applyTimes = value(scrape(), "sync_apply_duration_seconds_count", Map.of());
        String first = Ops.id();
        String second = Ops.id();
        JsonObject batch = Ops.batch(till, List.of(
                Ops.create(1, "category", first, Ops.category("Tea")),
                Ops.create(2, "category", second, Ops.category("Coffee")),
                Ops.create(3, "category", Ops.id(), Json.createObjectBuilder().build())));
        JsonObject settled = api().pushAndSettle(device(till), batch);
        assertEquals(2, settled.getJsonObject("counts").getInt("APPLIED"), settled.toString());
        assertEquals(1, settled.getJsonObject("counts").getInt("REJECTED"), settled.toString());
        JsonObject conflict = api().pushAndSettle(device(till), Ops.batch(till, List.of(
                Ops.update(4, "category", first, 7, Ops.category("Green tea")))));
        assertEquals(1, conflict.getJsonObject("counts").getInt("CONFLICT"), conflict.toString());

        Map<String, String> category = Map.of("tenant", tenant, "entity", "category");
        String text = scrape();
        assertEquals(4, value(text, "sync_operations_received_total", category), text);
        assertEquals(2, value(text, "sync_operations_settled_total", with(category, "status", "applied")));
        assertEquals(1, value(text, "sync_operations_settled_total", with(category, "status", "rejected")));
        assertEquals(1, value(text, "sync_operations_settled_total", with(category, "status", "conflict")));
        double timed = value(text, "sync_apply_duration_seconds_count", Map.of());
        assertTrue(timed >= applyTimes + 3, "every delivered operation is timed");
        assertEquals(timed, value(text, "sync_apply_duration_seconds_bucket", Map.of("le", "+Inf")),
                "and counted in the histogram's buckets");

        // Gauges are refreshed in the background (every second in the tests).
        awaitValue("sync_conflicts_open", Map.of("tenant", tenant), 1);
        String gauges = scrape();
        assertTrue(value(gauges, "sync_queue_consumers", Map.of("queue", "sync.operations")) > 0, gauges);
        assertTrue(gauges.contains("sync_queue_messages{"), "the queue depths are exported");
        assertTrue(gauges.contains("queue=\"sync.operations.dlq\""), "the dead-letter queue's too");

        api().get("/api/v1/sync/changes", device(till));
        String pulls = scrape();
        assertEquals(1, value(pulls, "sync_pull_requests_total", Map.of("tenant", tenant)), pulls);
        assertEquals(2, value(pulls, "sync_pull_records_total", Map.of("tenant", tenant)), pulls);
    }

    /** An apply that waits on a locked record shows as one pending operation whose age grows, then none. */
    @Test
    void theBacklogShowsAnOperationWaitingToApply() throws Exception {
        String till = "till-w";
        String id = Ops.id();
        api().pushAndSettle(device(till), Ops.batch(till, List.of(Ops.create(1, "category", id,
                Ops.category("Tea")))));
        Map<String, String> tenantOnly = Map.of("tenant", tenant);
        JsonObject update = Ops.batch(till, List.of(Ops.update(2, "category", id, 1, Ops.category("Green tea"))));
        try (Connection c = SyncStack.get().database()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement(
                    "SELECT id FROM category WHERE tenant = ? AND id = ? FOR UPDATE")) {
                lock.setString(1, tenant);
                lock.setString(2, id);
                lock.executeQuery().close();
            }
            api().push(device(till), update);
            awaitValue("sync_operations_pending", tenantOnly, 1);
            probe().await("metrics?scope=application",
                    a -> value(a.body(), "sync_operations_pending_oldest_age_seconds", tenantOnly) >= 1, REFRESHED);
            c.rollback();
        }
        JsonObject settled = api().awaitSettled(device(till), update.getString("batchId"));
        assertEquals(1, settled.getJsonObject("counts").getInt("APPLIED"), settled.toString());
        awaitValue("sync_operations_pending", tenantOnly, 0);
        assertEquals(0, value(scrape(), "sync_operations_pending_oldest_age_seconds", tenantOnly));
    }

    @Test
    void oneReceiptCanBeFollowedFromPushToEachOutcome() throws Exception {
        String till = "till-log";
        String secret = "payload-" + Ops.id();
        String applied = Ops.id();
        JsonObject batch = Ops.batch(till, List.of(
                Ops.create(1, "category", applied, Ops.category(secret)),
                Ops.update(2, "category", applied, 9, Ops.category(secret + "-stale"))));
        String token = device(till);
        JsonObject settled = api().pushAndSettle(token, batch);
        assertEquals(1, settled.getJsonObject("counts").getInt("APPLIED"), settled.toString());
        assertEquals(1, settled.getJsonObject("counts").getInt("CONFLICT"), settled.toString());
        String batchId = batch.getString("batchId");
        String firstOp = batch.getJsonArray("operations").getJsonObject(0).getString("opId");
        String secondOp = batch.getJsonArray("operations").getJsonObject(1).getString("opId");

        List<String> lines = awaitLines("batch=" + batchId, 4);
        assertTrue(lines.stream().anyMatch(l -> l.contains("POST sync/batches 202") && l.contains("tenant=" + tenant)
                && l.contains("device=" + till) && l.contains("received=2")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("operation APPLIED") && l.contains("op=" + firstOp)
                && l.contains("entityId=" + applied) && l.contains("version=1")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("operation CONFLICT") && l.contains("op=" + secondOp)
                && l.contains("conflict=")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("GET sync/batches/" + batchId)),
                "the status reads are logged too");

        String log = String.join("\n", SyncStack.get().serverLog());
        assertFalse(log.contains(secret), "no payload in the log");
        assertFalse(log.contains(token), "no token in the log");
        assertFalse(log.contains(token.substring(token.lastIndexOf('.') + 1)), "not even a token's signature");
    }

    /** Waits until the log holds {@code count} lines with {@code text}: the log is written a moment after. */
    private static List<String> awaitLines(String text, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<String> lines = SyncStack.get().serverLog().stream().filter(l -> l.contains(text)).toList();
            if (lines.size() >= count || System.nanoTime() > deadline) {
                return lines;
            }
            Thread.sleep(100);
        }
    }

    private String scrape() {
        Probe.Answer answer = probe().get("metrics?scope=application");
        assertEquals(200, answer.status(), answer.body());
        return answer.body();
    }

    private void awaitValue(String name, Map<String, String> labels, double expected) {
        probe().await("metrics?scope=application", a -> value(a.body(), name, labels) == expected, REFRESHED);
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        var all = new java.util.HashMap<>(labels);
        all.put(name, value);
        return all;
    }

    /** The value of the sample of {@code name} that carries all {@code labels}; 0 when there is none. */
    static double value(String text, String name, Map<String, String> labels) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (!sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new java.util.HashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    found.put(label.group(1), label.group(2));
                }
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                return Double.parseDouble(sample.group(4));
            }
        }
        return 0;
    }
}
