package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Hostile or runaway input: bodies over the size limit (declared, chunked or gzip-inflated) on every endpoint that
 * takes JSON, documents nested too deep or with huge strings, NUL characters, and a device that sends faster than
 * its limit.
 */
class AbuseLimitsIT extends SyncTestBase {

    /** Every endpoint that takes a JSON body, other than a push (which has its own, larger limit). */
    private static final List<String> JSON_BODIES = List.of("/api/v1/conflicts/some-conflict/resolution",
            "/api/v1/conflicts/resolution", "/api/v1/operations/redrive");

    private static final int JSON_MAX_BYTES = 1024 * 1024;
    private static final int BATCH_MAX_BYTES = 5 * 1024 * 1024;

    private void assertNothingStored() {
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_batch WHERE tenant = ?", tenant));
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ?", tenant));
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_conflict_resolution WHERE tenant = ?", tenant));
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_resolution_job WHERE tenant = ?", tenant));
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
            out.write(plain);
        }
        return zipped.toByteArray();
    }

    /** A JSON object of about {@code bytes} bytes, almost all of it whitespace (so no string limit applies). */
    private static byte[] padded(String json, int bytes) {
        return (" ".repeat(bytes) + json).getBytes(StandardCharsets.UTF_8);
    }

    /** Posts with no Content-Length (chunked), so only reading can tell the size. */
    private Api.Reply postChunked(String path, String token, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString());
        return new Api.Reply(response.statusCode(), response.headers().map(), response.body());
    }

    @Test
    void everyJsonBodyIsCheckedForSizeBeforeItIsParsed() throws Exception {
        Api api = api();
        String operator = person("operator");
        String json = "{\"action\":\"DISCARD\"}";
        for (String path : JSON_BODIES) {
            byte[] over = padded(json, JSON_MAX_BYTES);
            Problems.assertProblem(api.postBytes(path, operator, over, Map.of("Content-Type", "application/json")),
                    413);
            Problems.assertProblem(postChunked(path, operator, over), 413);
            Problems.assertProblem(api.postBytes(path, operator, gzip(over), Map.of("Content-Type",
                    "application/json", "Content-Encoding", "gzip")), 413);
            // Just under the limit, the body is read and parsed: its bad action is what is refused.
            byte[] under = padded("{\"action\":\"NOPE\"}", JSON_MAX_BYTES - 1000);
            Problems.assertProblem(api.postBytes(path, operator, under, Map.of("Content-Type", "application/json")),
                    400);
        }
        String till = device("till-big");
        byte[] batch = padded(Ops.batch("till-big", List.of(Ops.create(1, "category", Ops.id(),
                Ops.category("c")))).toString(), BATCH_MAX_BYTES);
        Problems.assertProblem(postChunked(Api.BATCHES, till, batch), 413);
        Problems.assertProblem(api.postBytes(Api.BATCHES, till, gzip(batch), Map.of("Content-Type",
                "application/json", "Content-Encoding", "gzip")), 413);
        assertNothingStored();
    }

    private static JsonObject nested(int depth) {
        JsonObjectBuilder inner = Json.createObjectBuilder().add("x", 1);
        for (int i = 1; i < depth; i++) {
            inner = Json.createObjectBuilder().add("x", inner);
        }
        return inner.build();
    }

    @Test
    void deepNestingAndHugeStringsAreRefusedWithTheirPointer() {
        Api api = api();
        String till = device("till-deep");
        JsonObject deep = Ops.batch("till-deep", List.of(Ops.create(1, "category", Ops.id(), nested(40))));
        JsonObject problem = Problems.assertProblem(api.post(Api.BATCHES, till, deep), 400);
        String pointer = problem.getJsonArray("errors").getJsonObject(0).getString("pointer");
        assertEquals("/operations/0/data" + "/x".repeat(29), pointer,
                "data is at depth 4; the object at 33 is refused");

        JsonObject huge = Ops.batch("till-deep", List.of(Ops.create(1, "category", Ops.id(),
                Ops.category("n".repeat(10_001)))));
        problem = Problems.assertProblem(api.post(Api.BATCHES, till, huge), 400);
        assertEquals("/operations/0/data/name", problem.getJsonArray("errors").getJsonObject(0).getString("pointer"));
        assertTrue(problem.getJsonArray("errors").getJsonObject(0).getString("message").contains("10000"));

        String operator = person("operator");
        problem = Problems.assertProblem(api.post("/api/v1/conflicts/resolution", operator,
                Json.createObjectBuilder().add("action", "DISCARD").add("filter", nested(40)).build()), 400);
        assertTrue(problem.getJsonArray("errors").getJsonObject(0).getString("pointer").startsWith("/filter/x/x"));
        problem = Problems.assertProblem(api.post("/api/v1/operations/redrive", operator,
                Json.createObjectBuilder().add("deviceId", "d".repeat(20_000)).build()), 400);
        assertEquals("/deviceId", problem.getJsonArray("errors").getJsonObject(0).getString("pointer"));
        assertNothingStored();
    }

    @Test
    void nulIsRefusedWhereNothingIsKeptAndKeptSafelyInAPushWithoutARedeliveryLoop() {
        Api api = api();
        String operator = person("operator");
        JsonObject problem = Problems.assertProblem(api.post("/api/v1/conflicts/resolution", operator,
                Json.createObjectBuilder().add("action", "DISCARD").add("comment", "a\u0000b").build()), 400);
        assertEquals("/comment", problem.getJsonArray("errors").getJsonObject(0).getString("pointer"));
        problem = Problems.assertProblem(api.get("/api/v1/conflicts?deviceId=a%00b", operator), 400);
        assertEquals("/deviceId", problem.getJsonArray("errors").getJsonObject(0).getString("pointer"));
        Problems.assertProblem(api.get("/api/v1/operations?entity=%00", operator), 400);
        Problems.assertProblem(api.get("/api/v1/devices?cursor=%00", operator), 400);
        Problems.assertProblem(api.post("/api/v1/operations/redrive", operator,
                Json.createObjectBuilder().add("deviceId", "\u0000").build()), 400);
        assertNothingStored();

        var broker = SyncStack.get().broker();
        long queued = broker.queue("sync.operations").getMessagesAdded();
        long deadLettered = broker.queue("sync.operations.dlq").getMessagesAdded();
        String withNul = Ops.id();
        JsonObject status = api.pushAndSettle(device("till-nul"), Ops.batch("till-nul", List.of(
                Ops.create(1, "category", withNul, Json.createObjectBuilder().add("name", "x\u0000y")
                        .add("parentId", "p\u0000").build()),
                Ops.create(2, "category", Ops.id(), Ops.category("fine")))));
        assertEquals("REJECTED", status.getJsonArray("operations").getJsonObject(0).getString("status"));
        assertEquals("APPLIED", status.getJsonArray("operations").getJsonObject(1).getString("status"));
        assertEquals(1, broker.queue("sync.operations").getMessagesAdded() - queued,
                "only the valid operation was queued");
        assertEquals(deadLettered, broker.queue("sync.operations.dlq").getMessagesAdded());
        assertEquals(1, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ? AND entity_id = ? "
                + "AND status = 'REJECTED' AND deliveries = 0 AND failed_attempts = 0 AND requeues = 0 "
                + "AND data->>'name' = 'x\uFFFDy'", tenant, withNul), "kept once, NUL replaced, never delivered");
        assertEquals(0, Sql.count("SELECT count(*) FROM category WHERE tenant = ? AND id = ?", tenant, withNul));
    }

    /**
     * Sends {@code request} from 4 threads until the server answers 429 (at most 5,000 times): at the default rate
     * (50 a second after a burst of 100 or 200) that takes well under a second of this loop.
     */
    private static Api.Reply untilLimited(java.util.function.Supplier<Api.Reply> request) throws Exception {
        AtomicReference<Api.Reply> limited = new AtomicReference<>();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                senders.add(pool.submit(() -> {
                    while (limited.get() == null && sent.incrementAndGet() <= 5_000) {
                        Api.Reply reply = request.get();
                        if (reply.status() == 429) {
                            limited.compareAndSet(null, reply);
                        } else {
                            assertEquals(400, reply.status(), reply.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(limited.get() != null, "no 429 after " + sent.get() + " requests");
        return limited.get();
    }

    private static long retryAfter(Api.Reply reply) {
        long seconds = Long.parseLong(reply.headers().get("retry-after").get(0));
        assertTrue(seconds >= 1 && seconds <= 5, "Retry-After " + seconds);
        return seconds;
    }

    @Test
    void aDeviceOverItsPushOrPullLimitIs429WithRetryAfterAndOtherDevicesCarryOn() throws Exception {
        Api api = api();
        String flooding = device("till-flood");
        // Empty objects: each is a cheap 400 once admitted, so the loop measures the limit, not the database.
        Api.Reply limited = untilLimited(() -> api.post(Api.BATCHES, flooding, "{}", "application/json"));
        JsonObject problem = Problems.assertProblem(limited, 429);
        assertEquals("https://sync-engine.dev/problems/too-many-requests", problem.getString("type"));
        assertTrue(problem.getString("detail").contains("till-flood"), problem.toString());
        long wait = retryAfter(limited);

        JsonObject other = api.pushAndSettle(device("till-calm"), Ops.batch("till-calm", List.of(
                Ops.create(1, "category", Ops.id(), Ops.category("calm")))));
        assertEquals(1, other.getJsonObject("counts").getInt("APPLIED"), "another device is not limited");
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_batch WHERE tenant = ? AND device_id = 'till-flood'",
                tenant));

        // A terminal that honours Retry-After gets in: the server's own signal, not a guess.
        JsonObject batch = Ops.batch("till-flood", List.of(Ops.create(1, "category", Ops.id(), Ops.category("ok"))));
        Api.Reply accepted = api.post(Api.BATCHES, flooding, batch);
        for (int attempt = 0; accepted.status() == 429 && attempt < 5; attempt++) {
            Thread.sleep(Duration.ofSeconds(wait).toMillis());
            accepted = api.post(Api.BATCHES, flooding, batch);
            wait = accepted.status() == 429 ? retryAfter(accepted) : wait;
        }
        assertEquals(202, accepted.status(), accepted.body());

        Api.Reply pullLimited = untilLimited(() -> api.get("/api/v1/sync/changes?limit=0", flooding));
        Problems.assertProblem(pullLimited, 429);
        retryAfter(pullLimited);
        assertEquals(200, api.get("/api/v1/sync/changes", device("till-calm")).status());
        assertEquals(200, api.get("/api/v1/sync/changes", person("operator")).status(), "people are not limited");

        String openApi = api.get("/openapi", null).body();
        assertTrue(openApi.contains("429") && openApi.contains("Retry-After"), "the OpenAPI document names the 429");
    }
}
