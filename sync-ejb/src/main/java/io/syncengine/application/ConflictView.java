package io.syncengine.application;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A conflict as reviewers see it: the operation, the terminal's data and the server's record at detection and
 * now, the field-by-field difference, and its resolution. The list shows the same shape without {@code serverNow},
 * {@code differences} and {@code resolutions} (null there).
 *
 * @param details     what the server found beyond the record: for INSUFFICIENT_STOCK each line's requested and
 *                    available quantity
 * @param resolutions every resolution asked for, oldest first
 */
public record ConflictView(
        String id,
        String status,
        String type,
        String detail,
        String deviceId,
        String opId,
        String batchId,
        Long seq,
        String entity,
        String entityId,
        String operationType,
        Long baseVersion,
        JsonObject localData,
        JsonObject serverRecord,
        JsonArray details,
        OffsetDateTime detectedAt,
        JsonObject serverNow,
        JsonArray differences,
        String pendingResolutionId,
        String resolvedAction,
        String resolvedBy,
        OffsetDateTime resolvedAt,
        Long resolvedVersion,
        List<ResolutionView> resolutions) {
}
