package io.syncengine.application;

import io.syncengine.domain.model.SyncOperation;
import jakarta.json.JsonArray;
import java.time.OffsetDateTime;

/** One entry of the operation log as operators see it, with what became of it and any re-drive. */
public record OperationView(
        String deviceId,
        String opId,
        String batchId,
        Long seq,
        String entity,
        String entityId,
        String type,
        String status,
        Long version,
        String assignedId,
        String conflictId,
        String resolutionId,
        JsonArray notes,
        String receivedBy,
        OffsetDateTime receivedAt,
        OffsetDateTime settledAt,
        int deliveries,
        int failedAttempts,
        String lastError,
        int redrives,
        String redrivenBy,
        OffsetDateTime redrivenAt) {

    static OperationView of(SyncOperation op) {
        return new OperationView(op.getDeviceId(), op.getOpId(), op.getBatchId(), op.getSeq(), op.getEntity(),
                op.getEntityId(), op.getOpType(), op.getStatus().name(), op.getResultVersion(), op.getAssignedId(),
                op.getConflictId(), op.getResolutionId(), op.notesJson(), op.getReceivedBy(), op.getReceivedAt(),
                op.getSettledAt(), op.getDeliveries(), op.getFailedAttempts(), op.getLastError(), op.getRedrives(),
                op.getRedrivenBy(), op.getRedrivenAt());
    }
}
