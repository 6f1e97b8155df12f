package io.syncengine.domain.model;

import jakarta.json.JsonArray;
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

    /** Review state: OPEN until a resolution applies. */
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

    /** What the server found, beyond the record (e.g. requested and available stock per sale line), as jsonb. */
    private String details;

    /** The resolution being applied or, once RESOLVED, the one that resolved it. */
    @Column(name = "resolution_id")
    private String resolutionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "resolved_action")
    private ResolutionAction resolvedAction;

    @Column(name = "resolved_by")
    private String resolvedBy;

    @Column(name = "resolved_at")
    private OffsetDateTime resolvedAt;

    @Column(name = "resolved_version")
    private Long resolvedVersion;

    protected Conflict() {
    }

    public static Conflict detected(SyncOperation op, ConflictType type, String detail, JsonArray details,
            JsonObject serverRecord, OffsetDateTime now) {
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
        c.serverRecord = serverRecord == null ? null : serverRecord.toString();
        c.details = details == null || details.isEmpty() ? null : details.toString();
        c.status = Status.OPEN;
        c.detectedAt = now;
        return c;
    }

    /** Whether a resolution may be asked for now: open, and no other resolution on its way. */
    public boolean awaitsResolution() {
        return status == Status.OPEN && resolutionId == null;
    }

    /** A resolution was asked for; until it applies no other may be. */
    public void resolutionRequested(ConflictResolution resolution) {
        if (!awaitsResolution()) {
            throw new IllegalStateException("conflict " + id + " is not awaiting a resolution");
        }
        resolutionId = resolution.getId();
    }

    public void resolved(ConflictResolution resolution, Long version, OffsetDateTime now) {
        status = Status.RESOLVED;
        resolvedAction = resolution.getAction();
        resolvedBy = resolution.getRequestedBy();
        resolvedAt = now;
        resolvedVersion = version;
    }

    /**
     * The resolution met a new reason (the record moved again meanwhile, a reference is still missing): the
     * conflict stays OPEN with that reason and the server record as found now, and may be resolved again.
     */
    public void stillOpen(ConflictType newType, String newDetail, JsonArray newDetails, JsonObject record) {
        conflictType = newType;
        detail = newDetail;
        details = newDetails == null || newDetails.isEmpty() ? null : newDetails.toString();
        serverRecord = record == null ? null : record.toString();
        resolutionId = null;
    }

    public JsonArray detailsJson() {
        return details == null ? null : JsonText.parseArray(details);
    }

    public String getResolutionId() {
        return resolutionId;
    }

    public ResolutionAction getResolvedAction() {
        return resolvedAction;
    }

    public String getResolvedBy() {
        return resolvedBy;
    }

    public OffsetDateTime getResolvedAt() {
        return resolvedAt;
    }

    public Long getResolvedVersion() {
        return resolvedVersion;
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
