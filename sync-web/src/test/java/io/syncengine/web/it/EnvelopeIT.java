package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Bad input is refused whole, with a clear problem, and changes nothing. */
class EnvelopeIT extends SyncTestBase {

    private JsonObject problem(Api.Reply reply, int status) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        JsonObject problem = reply.json();
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.getString("type").startsWith("https://"), problem.toString());
        assertTrue(!reply.body().contains("Exception") && !reply.body().contains("SQL"), reply.body());
        return problem;
    }

    private void assertNothingStored() {
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_batch WHERE tenant = ?", tenant));
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ?", tenant));
    }

    @Test
    void malformedJsonIs400() {
        JsonObject problem = problem(api().post(Api.BATCHES, device("d1"), "{\"deviceId\": \"d1\", ",
                "application/json"), 400);
        assertEquals("", problem.getJsonArray("errors").getJsonObject(0).getString("pointer"));
        assertNothingStored();
    }

    @Test
    void nulCharactersAreRefusedOrKeptSafelyAndNeverLoop() {
        JsonObject badDevice = Ops.batch("d\u0000x", List.of(Ops.create(1, "category", Ops.id(), Ops.category("x"))));
        JsonObject problem = problem(api().post(Api.BATCHES, device("d1"), badDevice), 400);
        assertEquals("/deviceId", problem.getJsonArray("errors").getJsonObject(0).getString("pointer"));
        assertNothingStored();

        String withNul = Ops.id();
        String fine = Ops.id();
        JsonObject status = api().pushAndSettle(device("d2"), Ops.batch("d2", List.of(
                Ops.create(1, "category", withNul, Ops.category("a\u0000b")),
                Ops.create(2, "category", fine, Ops.category("fine")))));
        JsonObject rejected = status.getJsonArray("operations").getJsonObject(0);
        assertEquals("REJECTED", rejected.getString("status"), status.toString());
        assertEquals("/operations/0/data/name", rejected.getJsonArray("errors").getJsonObject(0).getString("pointer"));
        assertEquals("APPLIED", status.getJsonArray("operations").getJsonObject(1).getString("status"));
        assertEquals(1, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ? AND entity_id = ? "
                + "AND data->>'name' = 'a\uFFFDb'", tenant, withNul), "kept, with the NUL replaced");
    }

    @Test
    void aBrokenEnvelopeNamesEveryBadField() {
        JsonObject op = Ops.create(1, "category", Ops.id(), Ops.category("x"));
        JsonObject body = Json.createObjectBuilder()
                .add("batchId", "")
                .add("operations", Json.createArrayBuilder().add(op).add(op).add(42))
                .build();
        JsonObject problem = problem(api().post(Api.BATCHES, device("d1"), body), 400);
        List<String> pointers = problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("pointer")).toList();
        assertEquals(List.of("/deviceId", "/batchId", "/operations/1/opId", "/operations/2"), pointers);
        assertNothingStored();
    }

    @Test
    void tooManyOperationsIs413() {
        List<JsonObject> ops = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            ops.add(Ops.create(i + 1, "category", Ops.id(), Ops.category("c")));
        }
        problem(api().post(Api.BATCHES, device("d1"), Ops.batch("d1", ops)), 413);
        assertNothingStored();
    }

    @Test
    void aBodyOverFiveMebibytesIs413() {
        String name = "x".repeat(100);
        JsonArrayBuilder ops = Json.createArrayBuilder();
        for (int i = 0; i < 900; i++) {
            ops.add(Ops.op(i + 1, "category", Ops.id(), "CREATE").add("data", Json.createObjectBuilder()
                    .add("name", name).add("padding", "p".repeat(6000))));
        }
        String body = Json.createObjectBuilder().add("deviceId", "d1").add("batchId", Ops.id())
                .add("operations", ops).build().toString();
        assertTrue(body.length() > 5 * 1024 * 1024);
        problem(api().post(Api.BATCHES, device("d1"), body, "application/json"), 413);
        assertNothingStored();
    }

    @Test
    void aMissingTokenIs401AndNothingIsStored() {
        Api.Reply reply = api().post(Api.BATCHES, null,
                Ops.batch("d1", List.of(Ops.create(1, "category", Ops.id(), Ops.category("c")))));
        assertEquals(401, reply.status(), reply.body());
        assertEquals(401, api().get("/api/v1/conflicts", null).status());
        assertNothingStored();
    }

    @Test
    void aDeviceMayPushOnlyAsItself() {
        JsonObject problem = problem(api().post(Api.BATCHES, device("d1"),
                Ops.batch("d2", List.of(Ops.create(1, "category", Ops.id(), Ops.category("c"))))), 403);
        assertTrue(problem.getString("detail").contains("d2"));
        assertNothingStored();
    }

    @Test
    void aWrongContentTypeIs415() {
        problem(api().post(Api.BATCHES, device("d1"), "deviceId=d1", "text/plain"), 415);
        assertNothingStored();
    }

    @Test
    void aGzipBodyIsAccepted() throws Exception {
        JsonObject batch = Ops.batch("d1", List.of(Ops.create(1, "category", Ops.id(), Ops.category("zipped"))));
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(batch.toString().getBytes(StandardCharsets.UTF_8));
        }
        Api api = api();
        Api.Reply reply = api.postBytes(Api.BATCHES, device("d1"), zipped.toByteArray(),
                Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"));
        assertEquals(202, reply.status(), reply.body());
        JsonObject status = api.awaitSettled(device("d1"), batch.getString("batchId"));
        assertEquals(1, status.getJsonObject("counts").getInt("APPLIED"));
    }

    @Test
    void aDeviceCannotReadAnotherDevicesBatchOrTheConflicts() {
        Api api = api();
        JsonObject batch = Ops.batch("d1", List.of(Ops.create(1, "category", Ops.id(), Ops.category("mine"))));
        api.pushAndSettle(device("d1"), batch);
        problem(api.get(Api.BATCHES + "/" + batch.getString("batchId"), device("d2")), 404);
        problem(api.get("/api/v1/conflicts", device("d1")), 403);
        String otherTenant = SyncStack.get().token("t-" + Ops.id(), "operator", null);
        problem(api.get(Api.BATCHES + "/" + batch.getString("batchId"), otherTenant), 404);
        problem(api.get(Api.BATCHES + "/" + batch.getString("batchId") + "?waitSeconds=31", device("d1")), 400);
    }
}
