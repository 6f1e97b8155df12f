package io.syncengine.application;

import io.syncengine.domain.model.AuditEvent;
import io.syncengine.domain.model.JsonText;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;

/** An audit event as the API shows it; the fields are {@link AuditEvent}'s. */
public record AuditEventView(
        long id,
        String type,
        String subject,
        String deviceId,
        String opId,
        String batchId,
        Long seq,
        String entity,
        String entityId,
        String opType,
        Long beforeVersion,
        Long afterVersion,
        String payloadHash,
        JsonValue detail,
        OffsetDateTime clientTime,
        OffsetDateTime recordedAt) {

    public static AuditEventView of(AuditEvent e) {
        return new AuditEventView(e.id(), e.type(), e.subject(), e.deviceId(), e.opId(), e.batchId(), e.seq(),
                e.entity(), e.entityId(), e.opType(), e.beforeVersion(), e.afterVersion(), e.payloadHash(),
                e.detail() == null ? null : JsonText.parse(e.detail()), e.clientTime(), e.recordedAt());
    }
}
