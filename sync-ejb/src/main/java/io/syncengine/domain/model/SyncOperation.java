package io.syncengine.domain.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An entry of the sync operation log: one operation as received, and what became of it. Its status moves once,
 * from PENDING to a final status, in the same transaction as the change it describes; a final operation is never
 * applied again, however often it is redelivered or re-posted.
 */
@Entity
// A named query, prepared once with its SQL: em.find with a lock mode, or a lockMode, prepares it on every call
// (RowLock).
@NamedQuery(name = SyncOperation.LOCK, hints = @QueryHint(name = RowLock.HINT, value = RowLock.FOR_UPDATE),
        query = "SELECT o FROM SyncOperation o WHERE o.tenant = :tenant AND o.deviceId = :deviceId AND o.opId = :opId")
@Table(name = "sync_operation")
@IdClass(OperationKey.class)
public class SyncOperation {

    /** Named query: the operation's log entry, locked ({@code FOR UPDATE}); parameters tenant, deviceId, opId. */
    public static final String LOCK = "SyncOperation.lock";

    @Id
    private String tenant;

    @Id
    @Column(name = "device_id")
    private String deviceId;

    @Id
    @Column(name = "op_id")
    private String opId;

    @Column(name = "batch_id")
    private String batchId;

    private Long seq;
    private String entity;

    @Column(name = "entity_id")
    private String entityId;

    @Column(name = "op_type")
    private String opType;

    @Column(name = "base_version")
    private Long baseVersion;

    /** JSON text, stored as jsonb. */
    private String data;

    @Column(name = "client_time")
    private OffsetDateTime clientTime;

    @Column(name = "received_by")
    private String receivedBy;

    @Column(name = "received_at")
    private OffsetDateTime receivedAt;

    @Enumerated(EnumType.STRING)
    private OperationStatus status;

    @Column(name = "result_version")
    private Long resultVersion;

    @Column(name = "assigned_id")
    private String assignedId;

    @Column(name = "conflict_id")
    private String conflictId;

    /** JSON array of {pointer, message}, stored as jsonb. */
    private String errors;

    private int deliveries;

    @Column(name = "failed_attempts")
    private int failedAttempts;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "settled_at")
    private OffsetDateTime settledAt;

    /** Set when the operation carries an operator's resolution of a conflict. */
    @Column(name = "resolution_id")
    private String resolutionId;

    private int redrives;

    @Column(name = "redriven_at")
    private OffsetDateTime redrivenAt;

    @Column(name = "redriven_by")
    private String redrivenBy;

    /** JSON array of notes on how it applied (price at sale, archived product, new id), stored as jsonb. */
    private String notes;

    protected SyncOperation() {
    }

    /** Records a received operation: PENDING when valid, REJECTED with its reasons otherwise. */
    public static SyncOperation received(String tenant, String deviceId, String batchId, OperationInput input,
            String receivedBy, OffsetDateTime now) {
        SyncOperation op = new SyncOperation();
        op.tenant = tenant;
        op.deviceId = deviceId;
        op.opId = input.opId();
        op.batchId = batchId;
        op.seq = input.seq();
        // A rejected operation keeps what it said, cut to the columns' size (valid values always fit).
        op.entity = clip(input.entity(), 40);
        op.entityId = clip(input.entityId(), OperationValidator.MAX_ID_LENGTH);
        op.opType = clip(input.typeName(), 10);
        op.baseVersion = input.baseVersion();
        op.data = input.data() == null ? null : JsonText.withoutNul(input.data()).toString();
        op.clientTime = input.clientTime();
        op.receivedBy = receivedBy;
        op.receivedAt = now;
        if (input.isValid()) {
            op.status = OperationStatus.PENDING;
        } else {
            op.status = OperationStatus.REJECTED;
            op.errors = errorsJson(input.errors());
            op.settledAt = now;
        }
        return op;
    }

    private static String clip(String value, int length) {
        if (value == null) {
            return null;
        }
        String storable = JsonText.withoutNul(value);
        return storable.length() <= length ? storable : storable.substring(0, length);
    }

    public void delivered(int deliveryCount) {
        this.deliveries = Math.max(deliveries, deliveryCount);
    }

    public void applied(Long version, OffsetDateTime now) {
        applied(version, null, null, now);
    }

    /**
     * @param assignedId the id the server stored a fact under when the one sent was taken, else null
     * @param notes      what an auditor should know about how it applied, else null
     */
    public void applied(Long version, String assignedId, JsonArray notes, OffsetDateTime now) {
        settle(OperationStatus.APPLIED, now);
        this.resultVersion = version;
        this.assignedId = assignedId;
        this.notes = notes == null || notes.isEmpty() ? null : notes.toString();
    }

    /**
     * An operation that carries the resolution {@code resolutionId} of a conflict, requested by {@code by}: it
     * goes through the queue and the apply rules like any operation.
     */
    public static SyncOperation resolution(Conflict conflict, String resolutionId, OperationType type,
            Long expectedVersion, JsonObject data, String by, OffsetDateTime now) {
        SyncOperation op = new SyncOperation();
        op.tenant = conflict.getTenant();
        op.deviceId = conflict.getDeviceId();
        op.opId = RESOLUTION_PREFIX + resolutionId;
        op.batchId = RESOLUTION_PREFIX + resolutionId;
        op.entity = conflict.getEntity();
        op.entityId = conflict.getEntityId();
        op.opType = type.name();
        op.baseVersion = expectedVersion;
        op.data = data == null ? null : data.toString();
        op.receivedBy = by;
        op.receivedAt = now;
        op.status = OperationStatus.PENDING;
        op.resolutionId = resolutionId;
        return op;
    }

    /** Prefix of the op id (and batch id) of an operation that carries a resolution. */
    public static final String RESOLUTION_PREFIX = "resolution:";

    public void conflicted(String conflictId, OffsetDateTime now) {
        settle(OperationStatus.CONFLICT, now);
        this.conflictId = conflictId;
    }

    private void settle(OperationStatus finalStatus, OffsetDateTime now) {
        if (status.isFinal()) {
            throw new IllegalStateException("operation " + key() + " is already " + status);
        }
        this.status = finalStatus;
        this.settledAt = now;
    }

    public int getRedrives() {
        return redrives;
    }

    public OffsetDateTime getRedrivenAt() {
        return redrivenAt;
    }

    public String getRedrivenBy() {
        return redrivenBy;
    }

    public String getLastError() {
        return lastError;
    }

    public int getDeliveries() {
        return deliveries;
    }

    public String getReceivedBy() {
        return receivedBy;
    }

    public OffsetDateTime getSettledAt() {
        return settledAt;
    }

    public String getResolutionId() {
        return resolutionId;
    }

    public JsonArray notesJson() {
        return notes == null ? null : JsonText.parseArray(notes);
    }

    public OperationKey key() {
        return new OperationKey(tenant, deviceId, opId);
    }

    public EntityType entityType() {
        return EntityType.fromWire(entity).orElseThrow();
    }

    public OperationType type() {
        return OperationType.valueOf(opType);
    }

    /** The data as stored: JSON text, or null. */
    public String getData() {
        return data;
    }

    /** The reasons of a rejection as stored: a JSON array, or null. */
    public String getErrors() {
        return errors;
    }

    public JsonObject dataJson() {
        if (data == null) {
            return null;
        }
        return JsonText.parseObject(data);
    }

    public JsonArray errorsJson() {
        if (errors == null) {
            return null;
        }
        return JsonText.parseArray(errors);
    }

    private static String errorsJson(List<FieldError> errors) {
        JsonArrayBuilder array = JsonText.array();
        errors.forEach(e -> array.add(JsonText.object().add("pointer", JsonText.withoutNul(e.pointer()))
                .add("message", e.message())));
        return array.build().toString();
    }

    public String getTenant() {
        return tenant;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public String getOpId() {
        return opId;
    }

    public String getBatchId() {
        return batchId;
    }

    public Long getSeq() {
        return seq;
    }

    public String getEntity() {
        return entity;
    }

    public String getEntityId() {
        return entityId;
    }

    public String getOpType() {
        return opType;
    }

    public Long getBaseVersion() {
        return baseVersion;
    }

    public OperationStatus getStatus() {
        return status;
    }

    public Long getResultVersion() {
        return resultVersion;
    }

    public String getAssignedId() {
        return assignedId;
    }

    public String getConflictId() {
        return conflictId;
    }

    public int getFailedAttempts() {
        return failedAttempts;
    }

    public OffsetDateTime getClientTime() {
        return clientTime;
    }

    public OffsetDateTime getReceivedAt() {
        return receivedAt;
    }
}
