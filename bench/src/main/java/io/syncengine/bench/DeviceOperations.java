package io.syncengine.bench;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One device's operations in the wire form of a push (contract: Push). Each operation gets a fresh {@code opId}
 * and the device's next {@code seq}, so the server applies them in the order they were built here; every workload
 * and the sales mix's set-up build their operations through this one place.
 */
final class DeviceOperations {

    private final String deviceId;
    private long seq;

    DeviceOperations(String deviceId) {
        this.deviceId = deviceId;
    }

    String deviceId() {
        return deviceId;
    }

    JsonObject create(String entity, String entityId, JsonObject data) {
        return op(entity, entityId, "CREATE").add("data", data).build();
    }

    JsonObject update(String entity, String entityId, long baseVersion, JsonObject data) {
        return op(entity, entityId, "UPDATE").add("baseVersion", baseVersion).add("data", data).build();
    }

    JsonObject createProduct(String id, String sku, String name, String price, long stock) {
        JsonObject data = BenchJson.object()
                .add("sku", sku)
                .add("name", name)
                .add("price", price)
                .add("stock", stock)
                .build();
        return create("product", id, data);
    }

    /** The body of one push of {@code operations}. */
    JsonObject batch(String batchId, JsonArray operations) {
        return BenchJson.object()
                .add("deviceId", deviceId)
                .add("batchId", batchId)
                .add("operations", operations)
                .build();
    }

    /** The present moment as the contract's times are written (RFC 3339, milliseconds). */
    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private JsonObjectBuilder op(String entity, String entityId, String type) {
        return BenchJson.object()
                .add("opId", UUID.randomUUID().toString())
                .add("seq", ++seq)
                .add("entity", entity)
                .add("entityId", entityId)
                .add("type", type)
                .add("clientTime", now());
    }
}
