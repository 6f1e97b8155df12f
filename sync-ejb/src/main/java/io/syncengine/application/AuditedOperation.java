package io.syncengine.application;

import jakarta.json.bind.annotation.JsonbTransient;
import java.time.OffsetDateTime;

/**
 * One row of the auditors' operation log: an operation as received and what became of it.
 *
 * @param subject  the token subject that sent it
 * @param position where it is in the log's page order (not shown)
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
        OffsetDateTime settledAt,
        @JsonbTransient AuditLog.EventPosition position) {
}
