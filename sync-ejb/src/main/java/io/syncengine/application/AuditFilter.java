package io.syncengine.application;

import java.time.OffsetDateTime;

/**
 * What an auditor asks for; every part is optional and they combine with AND.
 *
 * @param status for operations their status; for events the event type
 * @param opId   events only: one operation's events (with {@code deviceId})
 * @param from   received (operations) or recorded (events) at or after this time
 * @param to     ... before this time
 */
public record AuditFilter(String deviceId, String entity, String entityId, String batchId, String status,
        String opId, OffsetDateTime from, OffsetDateTime to) {
}
