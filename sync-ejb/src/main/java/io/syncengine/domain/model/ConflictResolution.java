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
 * One resolution an operator asked for: who, when, which action, their comment, the version of the record they
 * decided against, and what came of it once its operation applied. Every attempt is kept, so the history of a
 * conflict shows who overrode what.
 */
@Entity
@Table(name = "sync_conflict_resolution")
public class ConflictResolution {

    /** Where the resolution stands. */
    public enum Status { PENDING, RESOLVED, STILL_OPEN, FAILED }

    @Id
    private String id;

    private String tenant;

    @Column(name = "conflict_id")
    private String conflictId;

    @Column(name = "job_id")
    private String jobId;

    @Enumerated(EnumType.STRING)
    private ResolutionAction action;

    /** The operator's data (APPLY_MERGED), JSON stored as jsonb. */
    private String data;

    private String comment;

    @Column(name = "requested_by")
    private String requestedBy;

    @Column(name = "requested_at")
    private OffsetDateTime requestedAt;

    @Column(name = "expected_version")
    private Long expectedVersion;

    @Column(name = "device_id")
    private String deviceId;

    @Column(name = "op_id")
    private String opId;

    @Enumerated(EnumType.STRING)
    private Status status;

    private String outcome;

    @Column(name = "result_version")
    private Long resultVersion;

    @Column(name = "settled_at")
    private OffsetDateTime settledAt;

    protected ConflictResolution() {
    }

    public static ConflictResolution requested(Conflict conflict, ResolutionAction action, JsonObject data,
            String comment, String by, Long expectedVersion, String jobId, OffsetDateTime now) {
        ConflictResolution r = new ConflictResolution();
        r.id = UUID.randomUUID().toString();
        r.tenant = conflict.getTenant();
        r.conflictId = conflict.getId();
        r.jobId = jobId;
        r.action = action;
        r.data = data == null ? null : data.toString();
        r.comment = comment;
        r.requestedBy = by;
        r.requestedAt = now;
        r.expectedVersion = expectedVersion;
        r.deviceId = conflict.getDeviceId();
        r.opId = SyncOperation.RESOLUTION_PREFIX + r.id;
        r.status = Status.PENDING;
        return r;
    }

    public void resolved(Long version, OffsetDateTime now) {
        status = Status.RESOLVED;
        resultVersion = version;
        settledAt = now;
    }

    public void stillOpen(String why, OffsetDateTime now) {
        status = Status.STILL_OPEN;
        outcome = why.length() > 500 ? why.substring(0, 500) : why;
        settledAt = now;
    }

    public JsonObject dataJson() {
        return data == null ? null : JsonText.parseObject(data);
    }

    public String getId() {
        return id;
    }

    public String getConflictId() {
        return conflictId;
    }

    public String getJobId() {
        return jobId;
    }

    public ResolutionAction getAction() {
        return action;
    }

    public String getComment() {
        return comment;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public OffsetDateTime getRequestedAt() {
        return requestedAt;
    }

    public Long getExpectedVersion() {
        return expectedVersion;
    }

    public String getOpId() {
        return opId;
    }

    public Status getStatus() {
        return status;
    }

    public String getOutcome() {
        return outcome;
    }

    public Long getResultVersion() {
        return resultVersion;
    }

    public OffsetDateTime getSettledAt() {
        return settledAt;
    }
}
