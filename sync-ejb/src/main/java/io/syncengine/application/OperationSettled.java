package io.syncengine.application;

import io.syncengine.domain.model.SyncOperation;
import java.time.OffsetDateTime;

/** An operation that has just reached its final status, as its device is told of it. */
public record OperationSettled(String tenant, String deviceId, String opId, String batchId, Long seq, String entity,
        String entityId, String status, Long version, String assignedId, String conflictId,
        OffsetDateTime settledAt) {

    static OperationSettled of(SyncOperation op) {
        return new OperationSettled(op.getTenant(), op.getDeviceId(), op.getOpId(), op.getBatchId(), op.getSeq(),
                op.getEntity(), op.getEntityId(), op.getStatus().name(), op.getResultVersion(), op.getAssignedId(),
                op.getConflictId(), op.getSettledAt());
    }
}
