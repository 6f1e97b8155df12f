package io.syncengine.application;

import io.syncengine.domain.model.ConflictResolution;
import java.time.OffsetDateTime;

/**
 * One resolution of a conflict as reviewers see it: who asked for what and why, against which version, and what
 * came of it ({@code PENDING} until its operation applies).
 */
public record ResolutionView(
        String id,
        String conflictId,
        String action,
        String status,
        String comment,
        String requestedBy,
        OffsetDateTime requestedAt,
        Long expectedVersion,
        String opId,
        String outcome,
        Long resultVersion,
        OffsetDateTime settledAt,
        String jobId) {

    public static ResolutionView of(ConflictResolution r) {
        return new ResolutionView(r.getId(), r.getConflictId(), r.getAction().name(), r.getStatus().name(),
                r.getComment(), r.getRequestedBy(), r.getRequestedAt(), r.getExpectedVersion(), r.getOpId(),
                r.getOutcome(), r.getResultVersion(), r.getSettledAt(), r.getJobId());
    }
}
