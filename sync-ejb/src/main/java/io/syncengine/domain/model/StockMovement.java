package io.syncengine.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A change of a product's stock by a delta (goods received, shrinkage, a recount): a fact, created once. */
@Entity
@Table(name = "stock_movement")
@IdClass(RecordKey.class)
public class StockMovement {

    @Id
    private String tenant;

    @Id
    private String id;

    @Column(name = "sent_id")
    private String sentId;

    @Column(name = "device_id")
    private String deviceId;

    @Column(name = "op_id")
    private String opId;

    @Column(name = "product_id")
    private String productId;

    private long delta;

    private String reason;

    private boolean forced;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected StockMovement() {
    }

    public static StockMovement recorded(SyncOperation op, String id, StockMovementData data, boolean forced,
            OffsetDateTime now) {
        StockMovement movement = new StockMovement();
        movement.tenant = op.getTenant();
        movement.id = id;
        movement.sentId = op.getEntityId();
        movement.deviceId = op.getDeviceId();
        movement.opId = op.getOpId();
        movement.productId = data.productId();
        movement.delta = data.delta();
        movement.reason = data.reason();
        movement.forced = forced;
        movement.createdAt = now;
        return movement;
    }

    public StockMovementData data() {
        return new StockMovementData(productId, delta, reason);
    }
}
