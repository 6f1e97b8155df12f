package io.syncengine.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A change of a product's stock by a delta (goods received, shrinkage, a recount). */
@Entity
@Table(name = "stock_movement")
@IdClass(RecordKey.class)
public class StockMovement extends Fact {

    @Column(name = "product_id")
    private String productId;

    private long delta;

    private String reason;

    protected StockMovement() {
    }

    public static StockMovement recorded(SyncOperation op, String id, StockMovementData data, boolean forced,
            OffsetDateTime now) {
        StockMovement movement = new StockMovement();
        movement.recordedBy(op, id, forced, now);
        movement.productId = data.productId();
        movement.delta = data.delta();
        movement.reason = data.reason();
        return movement;
    }

    public StockMovementData data() {
        return new StockMovementData(productId, delta, reason);
    }
}
