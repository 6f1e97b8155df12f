package io.syncengine.web.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.UUID;

/** Builds batches and operations as a terminal would send them. */
public final class Ops {

    private Ops() {
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    public static JsonObject batch(String deviceId, String batchId, List<JsonObject> operations) {
        JsonArrayBuilder ops = Json.createArrayBuilder();
        operations.forEach(ops::add);
        return Json.createObjectBuilder().add("deviceId", deviceId).add("batchId", batchId).add("operations", ops)
                .build();
    }

    public static JsonObject batch(String deviceId, List<JsonObject> operations) {
        return batch(deviceId, id(), operations);
    }

    public static JsonObject create(long seq, String entity, String entityId, JsonObject data) {
        return op(seq, entity, entityId, "CREATE").add("data", data).build();
    }

    public static JsonObject update(long seq, String entity, String entityId, long baseVersion, JsonObject data) {
        return op(seq, entity, entityId, "UPDATE").add("baseVersion", baseVersion).add("data", data).build();
    }

    public static JsonObject delete(long seq, String entity, String entityId, long baseVersion) {
        return op(seq, entity, entityId, "DELETE").add("baseVersion", baseVersion).build();
    }

    public static JsonObjectBuilder op(long seq, String entity, String entityId, String type) {
        return Json.createObjectBuilder().add("opId", id()).add("seq", seq).add("entity", entity)
                .add("entityId", entityId).add("type", type).add("clientTime", "2026-11-21T09:58:00Z");
    }

    public static JsonObject category(String name) {
        return Json.createObjectBuilder().add("name", name).build();
    }

    public static JsonObject product(String sku, String name, String price, long stock) {
        return Json.createObjectBuilder().add("sku", sku).add("name", name).add("price", price).add("stock", stock)
                .build();
    }
}
