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

    /** A sale CREATE of {@code lines} (each from {@link #line}); the total is their sum. */
    public static JsonObject sale(long seq, String saleId, JsonObject... lines) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (JsonObject line : lines) {
            array.add(line);
            total = total.add(new java.math.BigDecimal(line.getString("unitPrice"))
                    .multiply(java.math.BigDecimal.valueOf(line.getInt("quantity"))));
        }
        return create(seq, "sale", saleId, Json.createObjectBuilder().add("receiptNo", "R-" + seq)
                .add("soldAt", "2026-11-21T10:00:00Z").add("lines", array).add("total", total.toPlainString())
                .build());
    }

    public static JsonObject line(String productId, int quantity, String unitPrice) {
        return Json.createObjectBuilder().add("productId", productId).add("quantity", quantity)
                .add("unitPrice", unitPrice).build();
    }

    public static JsonObject movement(long seq, String movementId, String productId, long delta) {
        return create(seq, "stock-movement", movementId, Json.createObjectBuilder().add("productId", productId)
                .add("delta", delta).add("reason", "test").build());
    }

    public static JsonObject category(String name) {
        return Json.createObjectBuilder().add("name", name).build();
    }

    public static JsonObject product(String sku, String name, String price, long stock) {
        return Json.createObjectBuilder().add("sku", sku).add("name", name).add("price", price).add("stock", stock)
                .build();
    }
}
