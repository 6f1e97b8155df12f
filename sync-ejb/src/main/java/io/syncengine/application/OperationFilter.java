package io.syncengine.application;

import java.time.OffsetDateTime;

/**
 * Which operations of the tenant to list or re-drive; a null member does not filter.
 *
 * @param from settled (for FAILED: failed) at or after this time
 * @param to   settled before this time
 */
public record OperationFilter(String status, String deviceId, String entity, OffsetDateTime from,
        OffsetDateTime to) {
}
