package io.syncengine.domain.model;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One operation as a terminal sent it, read leniently so that even an invalid operation can be recorded with its
 * reasons. {@link #errors} is empty exactly when the operation is valid; then {@link #entityType} and {@link
 * #type} are set and {@link #data} satisfies the entity's field rules.
 *
 * @param errors pointers relative to the operation (e.g. {@code /baseVersion})
 */
public record OperationInput(
        String opId,
        Long seq,
        String entity,
        String entityId,
        String typeName,
        Long baseVersion,
        JsonObject data,
        OffsetDateTime clientTime,
        EntityType entityType,
        OperationType type,
        List<FieldError> errors) {

    public boolean isValid() {
        return errors.isEmpty();
    }
}
