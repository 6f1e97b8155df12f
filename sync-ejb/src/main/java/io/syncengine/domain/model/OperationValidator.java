package io.syncengine.domain.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules that make one pushed operation valid (contract: Push, Entities). An invalid operation does not fail
 * its batch: it is recorded as REJECTED with every reason found here.
 */
public final class OperationValidator {

    /** Longest id (opId, entityId) accepted; ids are usually UUIDs. */
    public static final int MAX_ID_LENGTH = 100;

    private static final Set<String> OPERATION_FIELDS = Set.of(
            "opId", "seq", "entity", "entityId", "type", "baseVersion", "data", "clientTime");

    private OperationValidator() {
    }

    /**
     * Reads and validates one operation. The caller has already checked that {@code op} is an object with a
     * usable {@code opId}: without one an operation cannot be recorded, so that is an envelope error.
     */
    public static OperationInput read(JsonObject op) {
        List<FieldError> errors = new ArrayList<>();
        String opId = op.getString("opId");

        for (String name : op.keySet()) {
            if (!OPERATION_FIELDS.contains(name)) {
                errors.add(new FieldError("/" + escape(name), "is not a field of an operation"));
            }
        }

        Long seq = null;
        JsonValue seqValue = op.get("seq");
        if (seqValue == null || seqValue.getValueType() == JsonValue.ValueType.NULL) {
            errors.add(new FieldError("/seq", "is required: the device's own increasing counter"));
        } else if (!(seqValue instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().signum() < 0
                || n.bigIntegerValue().bitLength() > 62) {
            errors.add(new FieldError("/seq", "must be a whole number of at least 0"));
        } else {
            seq = n.longValue();
        }

        String entity = text(op, "entity");
        EntityType entityType = null;
        if (entity == null) {
            errors.add(new FieldError("/entity", "is required: one of " + EntityType.wireNames()));
        } else {
            entityType = EntityType.fromWire(entity).orElse(null);
            if (entityType == null) {
                errors.add(new FieldError("/entity", "must be one of " + EntityType.wireNames()));
            }
        }

        String entityId = text(op, "entityId");
        if (entityId == null || entityId.isBlank()) {
            errors.add(new FieldError("/entityId", "is required: the id of the record the operation is about"));
        } else if (entityId.length() > MAX_ID_LENGTH) {
            errors.add(new FieldError("/entityId", "must be at most " + MAX_ID_LENGTH + " characters long"));
        }

        String typeName = text(op, "type");
        OperationType type = null;
        if (typeName == null) {
            errors.add(new FieldError("/type", "is required: one of CREATE, UPDATE, DELETE"));
        } else {
            type = Arrays.stream(OperationType.values()).filter(t -> t.name().equals(typeName)).findFirst()
                    .orElse(null);
            if (type == null) {
                errors.add(new FieldError("/type", "must be one of CREATE, UPDATE, DELETE"));
            } else if (entityType != null && !entityType.allows(type)) {
                errors.add(new FieldError("/type", "must be CREATE: a " + entityType.wireName()
                        + " is a fact, recorded once and never changed (send a stock-movement to correct stock)"));
            }
        }

        Long baseVersion = null;
        JsonValue baseValue = op.get("baseVersion");
        boolean baseGiven = baseValue != null && baseValue.getValueType() != JsonValue.ValueType.NULL;
        if (baseGiven) {
            if (!(baseValue instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().signum() <= 0
                    || n.bigIntegerValue().bitLength() > 62) {
                errors.add(new FieldError("/baseVersion", "must be a whole number of at least 1"));
            } else {
                baseVersion = n.longValue();
            }
        } else if (type == OperationType.UPDATE || type == OperationType.DELETE) {
            errors.add(new FieldError("/baseVersion",
                    "is required for " + type + ": the version the terminal last saw"));
        }

        JsonObject data = null;
        JsonValue dataValue = op.get("data");
        boolean dataGiven = dataValue != null && dataValue.getValueType() != JsonValue.ValueType.NULL;
        if (dataGiven && !(dataValue instanceof JsonObject)) {
            errors.add(new FieldError("/data", "must be an object"));
        } else if (dataGiven) {
            data = (JsonObject) dataValue;
        }
        if (type == OperationType.DELETE && dataGiven) {
            errors.add(new FieldError("/data", "must be absent for DELETE"));
        }
        if ((type == OperationType.CREATE || type == OperationType.UPDATE) && !dataGiven) {
            errors.add(new FieldError("/data", "is required for " + type));
        }
        if (data != null && entityType != null && type != null && type != OperationType.DELETE) {
            errors.addAll(dataErrors(entityType, type, data));
        }

        OffsetDateTime clientTime = null;
        JsonValue timeValue = op.get("clientTime");
        if (timeValue != null && timeValue.getValueType() != JsonValue.ValueType.NULL) {
            try {
                clientTime = OffsetDateTime.parse(((JsonString) timeValue).getString());
            } catch (ClassCastException | DateTimeParseException e) {
                errors.add(new FieldError("/clientTime", "must be an RFC 3339 time such as 2026-11-21T09:58:00Z"));
            }
        }

        nulErrors(op, "", errors);

        return new OperationInput(opId, seq, entity, entityId, typeName, baseVersion, data, clientTime,
                errors.isEmpty() ? entityType : null, errors.isEmpty() ? type : null, List.copyOf(errors));
    }

    /** Checks {@code data} against the entity's fields: all required ones on CREATE, only those sent on UPDATE. */
    public static List<FieldError> dataErrors(EntityType entityType, OperationType type, JsonObject data) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> known = entityType.fields().stream().map(FieldSpec::name).collect(Collectors.toSet());
        for (String name : data.keySet()) {
            if (!known.contains(name)) {
                errors.add(new FieldError("/data/" + escape(name), "is not a field of " + entityType.wireName()
                        + " (fields: " + String.join(", ", known.stream().sorted().toList()) + ")"));
            }
        }
        if (type == OperationType.UPDATE && data.isEmpty()) {
            errors.add(new FieldError("/data", "must carry at least one changed field"));
        }
        for (FieldSpec field : entityType.fields()) {
            JsonValue value = data.get(field.name());
            String pointer = "/data/" + field.name();
            boolean absentOrNull = value == null || value.getValueType() == JsonValue.ValueType.NULL;
            if (absentOrNull) {
                if (field.required() && (type == OperationType.CREATE || value != null)) {
                    errors.add(new FieldError(pointer, "is required"));
                }
                continue;
            }
            if (field.kind() == FieldKind.LINES) {
                errors.addAll(SaleLines.errors(value, pointer));
            } else {
                field.kind().check(value, field.maxLength())
                        .ifPresent(reason -> errors.add(new FieldError(pointer, reason)));
            }
        }
        return errors;
    }

    /**
     * NUL characters anywhere in {@code value} (strings and member names), one error per place, each pointer
     * starting with {@code pointer}: PostgreSQL cannot store them.
     */
    public static List<FieldError> nulErrors(JsonValue value, String pointer) {
        List<FieldError> errors = new ArrayList<>();
        nulErrors(value, pointer, errors);
        return errors;
    }

    /**
     * NUL characters anywhere in the operation, one error per place: PostgreSQL cannot store them, so such an
     * operation is rejected (and kept with NUL replaced) rather than failing its batch or looping on redelivery.
     */
    private static void nulErrors(JsonValue value, String pointer, List<FieldError> errors) {
        if (value instanceof JsonString s && s.getString().indexOf('\0') >= 0) {
            errors.add(new FieldError(pointer, "must not contain the NUL character (\\u0000)"));
        } else if (value instanceof JsonObject object) {
            object.forEach((name, member) -> {
                String at = pointer + "/" + escape(name);
                if (name.indexOf('\0') >= 0) {
                    errors.add(new FieldError(at, "a member name must not contain the NUL character (\\u0000)"));
                } else {
                    nulErrors(member, at, errors);
                }
            });
        } else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                nulErrors(array.get(i), pointer + "/" + i, errors);
            }
        }
    }

    private static String text(JsonObject op, String name) {
        JsonValue value = op.get(name);
        return value instanceof JsonString s ? s.getString() : null;
    }

    /** Escapes a member name for use in a JSON pointer (RFC 6901). */
    public static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
