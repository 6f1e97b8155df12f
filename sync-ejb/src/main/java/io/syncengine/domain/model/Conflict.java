package io.syncengine.domain.model;

import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An operation the server could not apply as sent, kept for a person to review: the terminal's data and base
 * version next to the server's record as it was when the conflict was detected.
 */
@Entity
@Table(name = "sync_conflict")
public class Conflict {

    /** Review state; resolution comes with the conflict workflow. */
    public enum Status { OPEN, RESOLVED }

    @Id
    private String id;

    private String tenant;

    @Column(name = "device_id")
    private String deviceId;

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

    @Enumerated(EnumType.STRING)
    @Column(name = "conflict_type")
    private ConflictType conflictType;

    private String detail;

    @Column(name = "base_version")
    private Long baseVersion;

    @Column(name = "local_data")
    private String localData;

    @Column(name = "server_record")
    private String serverRecord;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "detected_at")
    private OffsetDateTime detectedAt;

    protected Conflict() {
    }

    public static Conflict detected(SyncOperation op, ConflictType type, String detail, SyncRecord serverRecord,
            OffsetDateTime now) {
        Conflict c = new Conflict();
        c.id = UUID.randomUUID().toString();
        c.tenant = op.getTenant();
        c.deviceId = op.getDeviceId();
        c.opId = op.getOpId();
        c.batchId = op.getBatchId();
        c.seq = op.getSeq();
        c.entity = op.getEntity();
        c.entityId = op.getEntityId();
        c.opType = op.getOpType();
        c.conflictType = type;
        c.detail = detail;
        c.baseVersion = op.getBaseVersion();
        JsonObject data = op.dataJson();
        c.localData = data == null ? null : data.toString();
        c.serverRecord = serverRecord == null ? null : serverRecord.toJson().toString();
        c.status = Status.OPEN;
        c.detectedAt = now;
        return c;
    }

    public JsonObject localDataJson() {
        return parse(localData);
    }

    public JsonObject serverRecordJson() {
        return parse(serverRecord);
    }

    private static JsonObject parse(String json) {
        if (json == null) {
            return null;
        }
        return JsonText.parseObject(json);
    }

    public String getId() {
        return id;
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

    public ConflictType getConflictType() {
        return conflictType;
    }

    public String getDetail() {
        return detail;
    }

    public Long getBaseVersion() {
        return baseVersion;
    }

    public Status getStatus() {
        return status;
    }

    public OffsetDateTime getDetectedAt() {
        return detectedAt;
    }
}
