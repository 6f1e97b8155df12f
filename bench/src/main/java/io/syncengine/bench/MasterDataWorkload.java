package io.syncengine.bench;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.Random;
import java.util.UUID;

/**
 * {@code --mix master}: the first batch creates the terminal's own products (one per operation of a batch);
 * later ones are mostly UPDATEs of them, with every tenth operation a CREATE of a category or a customer, like a
 * till that mostly edits prices and stock and now and then adds master data. The UPDATEs carry the right base
 * versions ({@link OwnProducts}), so a healthy run has no conflicts; any it reports point at the server.
 */
final class MasterDataWorkload implements TerminalWorkload {

    /** One operation in this many (after the first batch) is a CREATE rather than an UPDATE. */
    private static final int CREATE_EVERY = 10;

    private final DeviceOperations ops;
    private final int opsPerBatch;
    private final OwnProducts products;
    private int extraCreates;

    MasterDataWorkload(String deviceId, int opsPerBatch, long seed) {
        this.ops = new DeviceOperations(deviceId);
        this.opsPerBatch = opsPerBatch;
        this.products = new OwnProducts(ops, opsPerBatch, new Random(seed));
    }

    @Override
    public JsonObject nextBatch(String batchId) {
        JsonArrayBuilder batch = BenchJson.array();
        for (int i = 0; i < opsPerBatch; i++) {
            if (!products.allCreated()) {
                batch.add(products.createNext());
            } else if (i % CREATE_EVERY == CREATE_EVERY - 1) {
                batch.add(extraCreates++ % 2 == 0 ? createCategory() : createCustomer());
            } else {
                batch.add(products.updateAny());
            }
        }
        return ops.batch(batchId, batch.build());
    }

    private JsonObject createCategory() {
        JsonObject data = BenchJson.object()
                .add("name", "Category " + extraCreates + " of " + ops.deviceId())
                .build();
        return ops.create("category", UUID.randomUUID().toString(), data);
    }

    private JsonObject createCustomer() {
        JsonObject data = BenchJson.object()
                .add("name", "Customer " + extraCreates + " of " + ops.deviceId())
                .add("email", "c" + extraCreates + "." + ops.deviceId() + "@example.com")
                .build();
        return ops.create("customer", UUID.randomUUID().toString(), data);
    }
}
