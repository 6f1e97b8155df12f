package io.syncengine.domain.model;

import jakarta.json.JsonObject;
import java.util.Objects;

/** What a device says about one stock movement: the validated {@code data} of a stock-movement CREATE. */
public record StockMovementData(String productId, long delta, String reason) {

    public static StockMovementData of(JsonObject data) {
        return new StockMovementData(data.getString("productId"),
                (Long) FieldKind.DELTA.normalise(data.get("delta")),
                (String) FieldKind.TEXT.normalise(data.get("reason")));
    }

    public boolean sameAs(StockMovementData other) {
        return productId.equals(other.productId) && delta == other.delta && Objects.equals(reason, other.reason);
    }
}
