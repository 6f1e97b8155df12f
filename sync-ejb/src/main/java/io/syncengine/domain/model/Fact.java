package io.syncengine.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * A fact a device recorded (a sale, a stock movement): created once, never changed. It keeps the id it is stored
 * under next to the one the device sent (they differ when that id was taken), the operation that recorded it, and
 * whether an operator forced it through despite insufficient stock.
 */
@MappedSuperclass
public abstract class Fact {

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

    private boolean forced;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected Fact() {
    }

    /** Fills the columns every fact has, from the operation that records it. */
    protected void recordedBy(SyncOperation op, String storedId, boolean forcedThrough, OffsetDateTime now) {
        tenant = op.getTenant();
        id = storedId;
        sentId = op.getEntityId();
        deviceId = op.getDeviceId();
        opId = op.getOpId();
        forced = forcedThrough;
        createdAt = now;
    }

    public String getTenant() {
        return tenant;
    }

    public String getId() {
        return id;
    }
}
