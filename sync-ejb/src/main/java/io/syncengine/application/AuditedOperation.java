package io.syncengine.application;

import java.time.OffsetDateTime;

/**
 * One row of the auditors' operation log: an operation as received and what became of it.
 *
 * @param subject the token subject that sent it
 */
public record AuditedOperation(
        String deviceId,
        String opId,
        String batchId,
        Long seq,
        String entity,
        String entityId,
        String type,
        Long baseVersion,
        Long resultVersion,
        String status,
        String conflictId,
        String assignedId,
        String resolutionId,
        String subject,
        OffsetDateTime clientTime,
        OffsetDateTime receivedAt,
        OffsetDateTime settledAt) {
}
