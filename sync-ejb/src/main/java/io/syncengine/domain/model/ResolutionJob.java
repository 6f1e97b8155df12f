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
 * A bulk resolution: one action for every open conflict a filter matches (as of the job's creation). Conflicts are
 * submitted in chunks, oldest first, each as its own resolution; the job remembers where it got to, so it can
 * resume after a restart.
 */
@Entity
@Table(name = "sync_resolution_job")
public class ResolutionJob {

    /** SUBMITTING while conflicts are being handed to the queue; SUBMITTED once all are. */
    public enum Status { SUBMITTING, SUBMITTED, FAILED }

    @Id
    private String id;

    private String tenant;

    @Enumerated(EnumType.STRING)
    private ResolutionAction action;

    private String comment;

    /** The filter as JSON (deviceId, entity, type, from, to), stored as jsonb. */
    private String filter;

    @Column(name = "requested_by")
    private String requestedBy;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    private int submitted;

    private int skipped;

    @Column(name = "last_detected_at")
    private OffsetDateTime lastDetectedAt;

    @Column(name = "last_conflict_id")
    private String lastConflictId;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    private String error;

    protected ResolutionJob() {
    }

    public static ResolutionJob started(String tenant, ResolutionAction action, String comment, JsonObject filter,
            String by, OffsetDateTime now) {
        ResolutionJob job = new ResolutionJob();
        job.id = UUID.randomUUID().toString();
        job.tenant = tenant;
        job.action = action;
        job.comment = comment;
        job.filter = filter.toString();
        job.requestedBy = by;
        job.createdAt = now;
        job.updatedAt = now;
        job.status = Status.SUBMITTING;
        return job;
    }

    /** A chunk was handed over: {@code submitted} resolutions queued, {@code skipped} conflicts the action did not fit. */
    public void advanced(Conflict last, int submittedNow, int skippedNow, String skipReason, OffsetDateTime now) {
        lastDetectedAt = last.getDetectedAt();
        lastConflictId = last.getId();
        submitted += submittedNow;
        skipped += skippedNow;
        if (skipReason != null) {
            error = skipReason.length() > 2000 ? skipReason.substring(0, 2000) : skipReason;
        }
        updatedAt = now;
    }

    public void finished(OffsetDateTime now) {
        status = Status.SUBMITTED;
        finishedAt = now;
        updatedAt = now;
    }

    public JsonObject filterJson() {
        return JsonText.parseObject(filter);
    }

    public String getId() {
        return id;
    }

    public String getTenant() {
        return tenant;
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

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public Status getStatus() {
        return status;
    }

    public int getSubmitted() {
        return submitted;
    }

    public int getSkipped() {
        return skipped;
    }

    public OffsetDateTime getLastDetectedAt() {
        return lastDetectedAt;
    }

    public String getLastConflictId() {
        return lastConflictId;
    }

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }

    public String getError() {
        return error;
    }
}
