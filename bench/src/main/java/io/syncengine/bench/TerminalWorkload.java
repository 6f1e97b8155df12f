package io.syncengine.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * The operations one terminal sends, batch after batch. The first batch creates the terminal's own products;
 * later ones are mostly UPDATEs of them, with every tenth operation a CREATE of a category or a customer, like
 * a till that mostly edits prices and stock and now and then adds master data.
 *
 * <p>Every UPDATE carries the right {@code baseVersion}: the terminal only touches records it created, the server
 * applies one device's operations in {@code seq} order, and each applied UPDATE raises a version by one, so the
 * version the server will hold is known here without asking. A healthy run therefore has no conflicts; any it
 * reports point at the server.
 */
final class TerminalWorkload {

    /** One operation in this many (after the first batch) is a CREATE rather than an UPDATE. */
    private static final int CREATE_EVERY = 10;

    private final String deviceId;
    private final int opsPerBatch;
    private final Random random;
    private final String[] productIds;
    private final long[] productVersions;
    private long seq;
    private int batchesBuilt;
    private int extraCreates;

    TerminalWorkload(String deviceId, int opsPerBatch, long seed) {
        this.deviceId = deviceId;
        this.opsPerBatch = opsPerBatch;
        this.random = new Random(seed);
        this.productIds = new String[opsPerBatch];
        this.productVersions = new long[opsPerBatch];
    }

    /** The next batch, as the JSON body of a push. */
    JsonObject nextBatch(String batchId) {
        JsonArrayBuilder ops = Json.createArrayBuilder();
        for (int i = 0; i < opsPerBatch; i++) {
            if (batchesBuilt == 0) {
                ops.add(createProduct(i));
            } else if (i % CREATE_EVERY == CREATE_EVERY - 1) {
                ops.add(extraCreates++ % 2 == 0 ? createCategory() : createCustomer());
            } else {
                ops.add(updateProduct(random.nextInt(opsPerBatch)));
            }
        }
        batchesBuilt++;
        return Json.createObjectBuilder()
                .add("deviceId", deviceId)
                .add("batchId", batchId)
                .add("operations", ops)
                .build();
    }

    private JsonObject createProduct(int index) {
        productIds[index] = UUID.randomUUID().toString();
        productVersions[index] = 1;
        JsonObject data = Json.createObjectBuilder()
                .add("sku", deviceId + "-" + index)
                .add("name", "Product " + index + " of " + deviceId)
                .add("price", "1.00")
                .add("stock", 1000)
                .build();
        return op("product", productIds[index], "CREATE").add("data", data).build();
    }

    private JsonObject updateProduct(int index) {
        long baseVersion = productVersions[index]++;
        JsonObjectBuilder data = Json.createObjectBuilder();
        if (random.nextBoolean()) {
            data.add("price", String.format(Locale.ROOT, "%d.%02d", 1 + random.nextInt(99), random.nextInt(100)));
        } else {
            data.add("stock", random.nextInt(5000));
        }
        return op("product", productIds[index], "UPDATE").add("baseVersion", baseVersion).add("data", data).build();
    }

    private JsonObject createCategory() {
        JsonObject data = Json.createObjectBuilder().add("name", "Category " + extraCreates + " of " + deviceId)
                .build();
        return op("category", UUID.randomUUID().toString(), "CREATE").add("data", data).build();
    }

    private JsonObject createCustomer() {
        JsonObject data = Json.createObjectBuilder()
                .add("name", "Customer " + extraCreates + " of " + deviceId)
                .add("email", "c" + extraCreates + "." + deviceId + "@example.com")
                .build();
        return op("customer", UUID.randomUUID().toString(), "CREATE").add("data", data).build();
    }

    private JsonObjectBuilder op(String entity, String entityId, String type) {
        return Json.createObjectBuilder()
                .add("opId", UUID.randomUUID().toString())
                .add("seq", ++seq)
                .add("entity", entity)
                .add("entityId", entityId)
                .add("type", type)
                .add("clientTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    }
}
