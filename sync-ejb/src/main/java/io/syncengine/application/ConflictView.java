package io.syncengine.application;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;

/** A conflict as reviewers see it: the operation, the terminal's data and the server's record at detection. */
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
        OffsetDateTime detectedAt) {
}
