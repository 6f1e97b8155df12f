package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.core.server.Queue;
import org.junit.jupiter.api.Test;

/**
 * When sales and master-data edits both wait on the queue, sales are handed out first; a device's own operations
 * still apply in its seq order. The queue is paused while the work piles up, so that everything waits at once.
 */
class DeliveryPriorityIT extends SyncTestBase {

    private static final String OPERATIONS = "sync.operations";

    @Test
    void waitingSalesGoBeforeWaitingEditsWithoutBreakingADevicesOrder() {
        Api api = api();
        String office = "office";
        List<JsonObject> setup = new ArrayList<>();
        List<String> products = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = Ops.id();
            products.add(id);
            setup.add(Ops.create(i + 1, "product", id, Ops.product("P" + i, "Product " + i, "1.00", 1000)));
        }
        String mixed = Ops.id();
        setup.add(Ops.create(11, "product", mixed, Ops.product("MIXED", "Mixed", "1.00", 0)));
        api.pushAndSettle(device(office), Ops.batch(office, setup));

        Queue queue = SyncStack.get().broker().queue(OPERATIONS);
        List<String[]> batches = new ArrayList<>();
        queue.pause();
        try {
            // First the edits (10 devices, 10 each), then the sales (10 devices, 10 each): FIFO would apply the
            // edits first.
            for (int d = 0; d < 10; d++) {
                String editor = "editor-" + d;
                List<JsonObject> edits = new ArrayList<>();
                for (int k = 0; k < 10; k++) {
                    edits.add(Ops.update(k + 1, "product", products.get(d), k + 1,
                            Json.createObjectBuilder().add("name", "Edit " + k).build()));
                }
                batches.add(new String[] {editor, api.push(device(editor), Ops.batch(editor, edits))
                        .getString("batchId")});
            }
            for (int d = 0; d < 10; d++) {
                String till = "till-" + d;
                List<JsonObject> sales = new ArrayList<>();
                for (int k = 0; k < 10; k++) {
                    sales.add(Ops.sale(k + 1, Ops.id(), Ops.line(products.get(k), 1, "1.00")));
                }
                batches.add(new String[] {till, api.push(device(till), Ops.batch(till, sales)).getString("batchId")});
            }
            // One device sets a stock count and then sells it: the sale must not overtake its own device's edit.
            batches.add(new String[] {"till-m", api.push(device("till-m"), Ops.batch("till-m", List.of(
                    Ops.update(1, "product", mixed, 1, Json.createObjectBuilder().add("stock", 10).build()),
                    Ops.sale(2, Ops.id(), Ops.line(mixed, 10, "1.00"))))).getString("batchId")});
        } finally {
            queue.resume();
        }
        for (String[] batch : batches) {
            JsonObject status = api.awaitSettled(device(batch[0]), batch[1]);
            assertEquals(0, status.getJsonObject("counts").getInt("CONFLICT"), status.toString());
        }

        long salesMedian = medianSettledMicros("sale");
        long editsMedian = medianSettledMicros("product");
        assertTrue(salesMedian < editsMedian, "sales settled first: median sale " + salesMedian
                + " µs, median edit " + editsMedian + " µs");
        assertEquals(0, Sql.count("SELECT stock FROM product WHERE tenant = ? AND id = ?", tenant, mixed));
    }

    private long medianSettledMicros(String entity) {
        return Sql.count("SELECT (extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY settled_at "
                + "- '2000-01-01'::timestamptz)) * 1000000)::bigint FROM sync_operation "
                + "WHERE tenant = ? AND entity = ? AND device_id <> 'office' AND device_id <> 'till-m'",
                tenant, entity);
    }
}
