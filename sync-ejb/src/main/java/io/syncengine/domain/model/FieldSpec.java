package io.syncengine.domain.model;

/**
 * One field of a record's {@code data}.
 *
 * @param name        the JSON name
 * @param kind        what it holds
 * @param required    whether a CREATE must carry it (and an UPDATE may not clear it)
 * @param maxLength   the longest string accepted (string kinds only)
 * @param references  the entity a {@link FieldKind#REFERENCE} points to, else null
 */
public record FieldSpec(String name, FieldKind kind, boolean required, int maxLength, EntityType references) {

    static FieldSpec required(String name, FieldKind kind, int maxLength) {
        return new FieldSpec(name, kind, true, maxLength, null);
    }

    static FieldSpec optional(String name, FieldKind kind, int maxLength) {
        return new FieldSpec(name, kind, false, maxLength, null);
    }

    static FieldSpec requiredReference(String name, EntityType target) {
        return new FieldSpec(name, FieldKind.REFERENCE, true, OperationValidator.MAX_ID_LENGTH, target);
    }

    static FieldSpec reference(String name, EntityType target) {
        return new FieldSpec(name, FieldKind.REFERENCE, false, 100, target);
    }
}
