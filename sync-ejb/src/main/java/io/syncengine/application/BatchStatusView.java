package io.syncengine.application;

import io.syncengine.domain.model.FieldError;
import jakarta.json.JsonArray;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Where each operation of a batch stands, with counts per status. */
public record BatchStatusView(
        String batchId,
        String deviceId,
        OffsetDateTime receivedAt,
        Map<String, Integer> counts,
        List<OperationView> operations) {

    /** One operation of the batch. */
    public record OperationView(
            String opId,
            Long seq,
            String entity,
            String entityId,
            String type,
            String status,
            Long version,
            String assignedId,
            String conflictId,
            List<FieldError> errors,
            JsonArray notes) {
    }
}
