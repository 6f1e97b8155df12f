package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many devices at once, and one device's long queue: the version guard and the per-device order. */
class ConcurrencyIT extends SyncTestBase {

    @Test
    void twentyDevicesUpdatingOneRecordAtOnceApplyExactlyOnePerVersion() throws Exception {
        Api api = api();
        String id = Ops.id();
        api.pushAndSettle(device("setup"), Ops.batch("setup", List.of(
                Ops.create(1, "product", id, Ops.product("SKU-" + id, "Pear", "0.90", 100)))));

        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<JsonObject>> pushes = new ArrayList<>();
            for (int d = 0; d < 20; d++) {
                String deviceId = "till-" + d;
                JsonObject batch = Ops.batch(deviceId, List.of(Ops.update(1, "product", id, 1,
                        Json.createObjectBuilder().add("price", "1." + (10 + d)).build())));
                Callable<JsonObject> push = () -> api.pushAndSettle(device(deviceId), batch);
                pushes.add(pool.submit(push));
            }
            int applied = 0;
            int conflicts = 0;
            for (Future<JsonObject> push : pushes) {
                JsonObject op = push.get().getJsonArray("operations").getJsonObject(0);
                switch (op.getString("status")) {
                    case "APPLIED" -> {
                        applied++;
                        assertEquals(2, op.getInt("version"));
                    }
                    case "CONFLICT" -> conflicts++;
                    default -> throw new AssertionError("unexpected " + op);
                }
            }
            assertEquals(1, applied);
            assertEquals(19, conflicts);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, Sql.count("SELECT version FROM product WHERE tenant = ? AND id = ?", tenant, id));
        assertEquals(19, Sql.count("SELECT count(*) FROM sync_conflict WHERE tenant = ? AND entity_id = ? "
                + "AND conflict_type = 'VERSION_MISMATCH'", tenant, id));
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ? AND deliveries <> 1",
                tenant), "every operation settled on its first delivery");
    }

    /**
     * 200 operations of one device in 4 batches posted back to back, each an UPDATE based on the version the previous
     * one produced: any reordering would surface as a version conflict. Two other devices run the same chain at the
     * same time on their own records.
     */
    @Test
    void aDevicesOperationsApplyInSeqOrderAcrossBatches() throws Exception {
        Api api = api();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<JsonObject>>> devices = new ArrayList<>();
            for (int d = 0; d < 3; d++) {
                String deviceId = "scanner-" + d;
                devices.add(pool.submit(() -> postChain(api, deviceId)));
            }
            for (Future<List<JsonObject>> device : devices) {
                List<JsonObject> statuses = device.get();
                long seq = 1;
                for (JsonObject status : statuses) {
                    assertEquals(50, status.getJsonObject("counts").getInt("APPLIED"), status.toString());
                    for (var op : status.getJsonArray("operations").getValuesAs(JsonObject.class)) {
                        assertEquals(seq, op.getJsonNumber("seq").longValue());
                        assertEquals(seq, op.getJsonNumber("version").longValue());
                        seq++;
                    }
                }
                assertEquals(201, seq);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_conflict WHERE tenant = ?", tenant));
    }

    private List<JsonObject> postChain(Api api, String deviceId) {
        String token = device(deviceId);
        String id = Ops.id();
        List<JsonObject> batches = new ArrayList<>();
        long seq = 1;
        for (int b = 0; b < 4; b++) {
            List<JsonObject> ops = new ArrayList<>();
            for (int i = 0; i < 50; i++, seq++) {
                ops.add(seq == 1 ? Ops.create(seq, "category", id, Ops.category("v1"))
                        : Ops.update(seq, "category", id, seq - 1, Ops.category("v" + seq)));
            }
            JsonObject batch = Ops.batch(deviceId, ops);
            api.push(token, batch);
            batches.add(batch);
        }
        List<JsonObject> statuses = new ArrayList<>();
        for (JsonObject batch : batches) {
            statuses.add(api.awaitSettled(token, batch.getString("batchId")));
        }
        return statuses;
    }
}
