package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncengine.launcher.ServerScenario;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Push, apply and status on the real stack: versions, conflicts, idempotency, rejected operations. */
class WritePathIT extends SyncTestBase {

    /**
     * The scenario {@code sync-server server-check} runs against the EAR on Payara Server, here against the WAR on
     * Payara Micro: both deployments are held to the very same calls and expectations. (A method here rather than
     * a class of its own: each test class starts Micro anew, about half a minute.)
     */
    @Test
    void theServerCheckScenarioPassesOnMicroToo() {
        List<ServerScenario.Step> steps = new ServerScenario(uri("/"), SyncStack.get().issuer(), tenant).run();

        assertTrue(ServerScenario.allPassed(steps), steps.toString());
    }

    private JsonObject pushAndSettle(String token, JsonObject batch) {
        return api().pushAndSettle(token, batch);
    }

    private JsonObject settled(String token, String batchId) {
        return api().awaitSettled(token, batchId);
    }

    @Test
    void createUpdateDeleteRaiseTheVersionOneByOne() {
        String token = device("till-1");
        String id = Ops.id();
        JsonObject status = pushAndSettle(token, Ops.batch("till-1", List.of(
                Ops.create(1, "product", id, Ops.product("SKU-" + id, "Apple", "1.20", 10)),
                Ops.update(2, "product", id, 1, Json.createObjectBuilder().add("price", "1.25").build()),
                Ops.delete(3, "product", id, 2))));

        var ops = status.getJsonArray("operations");
        assertEquals(3, status.getJsonObject("counts").getInt("APPLIED"), status.toString());
        assertEquals(1, ops.getJsonObject(0).getInt("version"));
        assertEquals(2, ops.getJsonObject(1).getInt("version"));
        assertEquals(3, ops.getJsonObject(2).getInt("version"));
        assertEquals(1, Sql.count("SELECT count(*) FROM product WHERE tenant = ? AND id = ? AND deleted "
                + "AND version = 3 AND price = 1.25", tenant, id));
    }

    /**
     * Applying an operation writes its log entry once: the delivery and the outcome in one UPDATE at commit, for
     * master data, a stock movement and a sale alike. (The record's lock query used to flush the delivery first:
     * two UPDATEs per operation.) A trigger of the test's own counts the UPDATEs of this tenant's log entries that
     * record a delivery or an outcome (the recovery sweep's re-queue marks are not counted).
     */
    @Test
    void applyingAnOperationUpdatesItsLogEntryOnce() {
        String suffix = tenant.replaceAll("[^A-Za-z0-9]", "_");
        Sql.execute("CREATE TABLE it_log_updates_" + suffix + " (op_id TEXT NOT NULL)");
        Sql.execute("CREATE FUNCTION it_count_log_update_" + suffix + "() RETURNS trigger SECURITY DEFINER "
                + "LANGUAGE plpgsql AS $$ BEGIN INSERT INTO it_log_updates_" + suffix + " VALUES (NEW.op_id); "
                + "RETURN NEW; END $$");
        Sql.execute("CREATE TRIGGER it_count_log_update_" + suffix + " AFTER UPDATE ON sync_operation FOR EACH ROW "
                + "WHEN (NEW.tenant = '" + tenant + "' AND (NEW.deliveries <> OLD.deliveries "
                + "OR NEW.status <> OLD.status)) EXECUTE FUNCTION it_count_log_update_" + suffix + "()");
        try {
            String token = device("till-writes");
            String category = Ops.id();
            String product = Ops.id();
            JsonObject status = pushAndSettle(token, Ops.batch("till-writes", List.of(
                    Ops.create(1, "category", category, Ops.category("Bakery")),
                    Ops.update(2, "category", category, 1, Ops.category("Bread")),
                    Ops.create(3, "product", product, Ops.product("SKU-" + product, "Rye", "2.40", 10)),
                    Ops.movement(4, Ops.id(), product, 5),
                    Ops.sale(5, Ops.id(), Ops.line(product, 2, "2.40")))));

            assertEquals(5, status.getJsonObject("counts").getInt("APPLIED"), status.toString());
            assertEquals(5, Sql.count("SELECT count(DISTINCT op_id) FROM it_log_updates_" + suffix));
            assertEquals(5, Sql.count("SELECT count(*) FROM it_log_updates_" + suffix),
                    "one UPDATE of each operation's log entry");
        } finally {
            Sql.execute("DROP TRIGGER it_count_log_update_" + suffix + " ON sync_operation");
            Sql.execute("DROP FUNCTION it_count_log_update_" + suffix + "()");
            Sql.execute("DROP TABLE it_log_updates_" + suffix);
        }
    }

    @Test
    void aStaleUpdateBecomesOneConflictOnTheFirstDelivery() {
        String token = device("till-2");
        String id = Ops.id();
        pushAndSettle(token, Ops.batch("till-2", List.of(Ops.create(1, "category", id, Ops.category("Fruit")),
                Ops.update(2, "category", id, 1, Ops.category("Fresh fruit")))));

        JsonObject stale = Ops.update(3, "category", id, 1, Ops.category("Vegetables"));
        JsonObject status = pushAndSettle(token, Ops.batch("till-2", List.of(stale)));

        JsonObject op = status.getJsonArray("operations").getJsonObject(0);
        assertEquals("CONFLICT", op.getString("status"));
        String conflictId = op.getString("conflictId");
        assertEquals(1, Sql.count("SELECT count(*) FROM sync_conflict WHERE tenant = ? AND op_id = ?", tenant,
                stale.getString("opId")));
        assertEquals(1, Sql.count("SELECT deliveries FROM sync_operation WHERE tenant = ? AND op_id = ?", tenant,
                stale.getString("opId")), "a conflict is an outcome: committed on the first delivery");
        assertEquals(1, Sql.count("SELECT count(*) FROM category WHERE tenant = ? AND id = ? AND version = 2 "
                + "AND name = 'Fresh fruit'", tenant, id), "nothing changed");

        String operator = person("operator");
        Api.Reply conflict = api().get("/api/v1/conflicts/" + conflictId, operator);
        assertEquals(200, conflict.status(), conflict.body());
        JsonObject json = conflict.json();
        assertEquals("VERSION_MISMATCH", json.getString("type"));
        assertEquals(1, json.getInt("baseVersion"));
        assertEquals("Vegetables", json.getJsonObject("localData").getString("name"));
        assertEquals(2, json.getJsonObject("serverRecord").getInt("version"));
        assertEquals("Fresh fruit", json.getJsonObject("serverRecord").getJsonObject("data").getString("name"));
    }

    @Test
    void theSameBatchPostedTwiceAppliesOnce() {
        String token = device("till-3");
        String id = Ops.id();
        JsonObject batch = Ops.batch("till-3", List.of(Ops.create(1, "customer", id,
                Json.createObjectBuilder().add("name", "Ada").build())));
        pushAndSettle(token, batch);

        Api.Reply again = api().post("/api/v1/sync/batches", token, batch);
        assertEquals(202, again.status(), again.body());
        assertEquals(1, again.json().getInt("received"));
        assertEquals(1, again.json().getInt("duplicates"));
        JsonObject status = settled(token, batch.getString("batchId"));
        assertEquals(1, status.getJsonObject("counts").getInt("APPLIED"));
        assertEquals(1, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ?", tenant));
        assertEquals(1, Sql.count("SELECT version FROM customer WHERE tenant = ? AND id = ?", tenant, id));

        JsonObject otherContent = Ops.batch("till-3", batch.getString("batchId"), List.of(Ops.create(2, "customer",
                Ops.id(), Json.createObjectBuilder().add("name", "Grace").build())));
        Api.Reply reused = api().post("/api/v1/sync/batches", token, otherContent);
        assertEquals(409, reused.status(), reused.body());
        assertTrue(reused.contentType().startsWith("application/problem+json"));
    }

    /** A terminal that lost a 202 may send an operation again in a new batch: it is a duplicate, applied once. */
    @Test
    void anOperationSentAgainInAnotherBatchIsADuplicate() {
        String token = device("till-5");
        String id = Ops.id();
        JsonObject create = Ops.create(1, "customer", id, Json.createObjectBuilder().add("name", "Ada").build());
        pushAndSettle(token, Ops.batch("till-5", List.of(create)));

        JsonObject next = Ops.create(2, "customer", Ops.id(), Json.createObjectBuilder().add("name", "Grace").build());
        JsonObject again = Ops.batch("till-5", List.of(create, next));
        Api.Reply reply = api().post("/api/v1/sync/batches", token, again);
        assertEquals(202, reply.status(), reply.body());
        assertEquals(2, reply.json().getInt("received"));
        assertEquals(1, reply.json().getInt("duplicates"));

        JsonObject status = settled(token, again.getString("batchId"));
        assertEquals(2, status.getJsonObject("counts").getInt("APPLIED"), status.toString());
        assertEquals(2, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ?", tenant));
        assertEquals(1, Sql.count("SELECT deliveries FROM sync_operation WHERE tenant = ? AND op_id = ?", tenant,
                create.getString("opId")), "delivered once");
        assertEquals(1, Sql.count("SELECT count(*) FROM audit_event WHERE tenant = ? AND op_id = ?"
                + " AND event_type = 'RECEIVED'", tenant, create.getString("opId")), "received once");
        assertEquals(1, Sql.count("SELECT version FROM customer WHERE tenant = ? AND id = ?", tenant, id));
    }

    /**
     * Two batches carrying the same operation, posted at once (a terminal retrying on a second connection): both are
     * accepted, the operation is recorded and queued by one of them, counted as a duplicate by the other, and applies
     * once. Several rounds, so that the two transactions overlap in at least one.
     */
    @Test
    void anOperationInTwoBatchesPostedAtOnceIsRecordedOnce() throws Exception {
        String token = device("till-6");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                JsonObject shared = Ops.create(round * 3 + 1, "category", Ops.id(), Ops.category("Round " + round));
                List<JsonObject> batches = List.of(
                        Ops.batch("till-6", List.of(shared, Ops.create(round * 3 + 2, "category", Ops.id(),
                                Ops.category("First " + round)))),
                        Ops.batch("till-6", List.of(shared, Ops.create(round * 3 + 3, "category", Ops.id(),
                                Ops.category("Second " + round)))));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Api.Reply>> replies = new ArrayList<>();
                for (JsonObject batch : batches) {
                    replies.add(pool.submit(() -> {
                        together.await();
                        return api().post("/api/v1/sync/batches", token, batch);
                    }));
                }
                int duplicates = 0;
                for (Future<Api.Reply> reply : replies) {
                    Api.Reply r = reply.get(60, TimeUnit.SECONDS);
                    assertEquals(202, r.status(), r.body());
                    duplicates += r.json().getInt("duplicates");
                }
                assertEquals(1, duplicates, "round " + round);
                for (JsonObject batch : batches) {
                    JsonObject status = settled(token, batch.getString("batchId"));
                    assertEquals(2, status.getJsonObject("counts").getInt("APPLIED"), status.toString());
                }
                assertEquals(1, Sql.count("SELECT deliveries FROM sync_operation WHERE tenant = ? AND op_id = ?",
                        tenant, shared.getString("opId")), "round " + round + ": delivered once");
            }
            assertEquals(15, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ?", tenant));
            assertEquals(15, Sql.count("SELECT count(*) FROM category WHERE tenant = ? AND version = 1", tenant));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInvalidOperationIsRejectedWhileTheRestApply() {
        String token = device("till-4");
        String good = Ops.id();
        JsonObject missingBase = Ops.op(2, "category", Ops.id(), "UPDATE").add("data", Ops.category("x")).build();
        JsonObject status = pushAndSettle(token, Ops.batch("till-4", List.of(
                Ops.create(1, "category", good, Ops.category("Bakery")),
                missingBase,
                Ops.create(3, "product", Ops.id(), Json.createObjectBuilder().add("sku", "S").add("name", "n")
                        .add("price", "-1").add("stock", 1).build()))));

        var ops = status.getJsonArray("operations");
        assertEquals("APPLIED", ops.getJsonObject(0).getString("status"));
        assertEquals("REJECTED", ops.getJsonObject(1).getString("status"));
        assertEquals("/operations/1/baseVersion",
                ops.getJsonObject(1).getJsonArray("errors").getJsonObject(0).getString("pointer"));
        assertEquals("REJECTED", ops.getJsonObject(2).getString("status"));
        assertEquals("/operations/2/data/price",
                ops.getJsonObject(2).getJsonArray("errors").getJsonObject(0).getString("pointer"));
        assertNotNull(ops.getJsonObject(0).get("version"));
    }
}
