package io.syncengine.domain.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The field-by-field difference a reviewer reads: for each field of a master-data record, what the terminal sent,
 * what the server had when the conflict was detected, and what it has now. Fields that agree everywhere are left
 * out; values compare as the server stores them (2.5 equals 2.50).
 */
public final class ConflictDifferences {

    private ConflictDifferences() {
    }

    /**
     * @param local       the terminal's data (only the fields it sent), or null
     * @param atDetection the server record ({@code {id, version, deleted, data}}) at detection, or null
     * @param now         the server record now, or null
     */
    public static JsonArray of(EntityType type, JsonObject local, JsonObject atDetection, JsonObject now) {
        JsonObject then = data(atDetection);
        JsonObject current = data(now);
        JsonArrayBuilder differences = JsonText.array();
        for (FieldSpec field : type.fields()) {
            boolean sent = local != null && local.containsKey(field.name());
            JsonValue localValue = sent ? local.get(field.name()) : null;
            JsonValue thenValue = value(then, field.name());
            JsonValue nowValue = value(current, field.name());
            boolean changedSince = !same(field, thenValue, nowValue);
            boolean differsFromNow = sent && !same(field, localValue, nowValue);
            boolean differedThen = sent && !same(field, localValue, thenValue);
            if (!changedSince && !differsFromNow && !differedThen) {
                continue;
            }
            JsonObjectBuilder entry = JsonText.object().add("field", field.name());
            if (sent) {
                entry.add("local", localValue);
            }
            entry.add("atDetection", thenValue).add("now", nowValue)
                    .add("localDiffersFromNow", differsFromNow)
                    .add("changedSinceDetection", changedSince);
            differences.add(entry);
        }
        return differences.build();
    }

    private static JsonObject data(JsonObject record) {
        return record == null || !(record.get("data") instanceof JsonObject data) ? null : data;
    }

    private static JsonValue value(JsonObject data, String name) {
        return data == null || !data.containsKey(name) ? JsonValue.NULL : data.get(name);
    }

    private static boolean same(FieldSpec field, JsonValue a, JsonValue b) {
        Object x = normalised(field, a);
        Object y = normalised(field, b);
        if (x instanceof BigDecimal p && y instanceof BigDecimal q) {
            return p.compareTo(q) == 0;
        }
        return Objects.equals(x, y);
    }

    private static Object normalised(FieldSpec field, JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        try {
            return field.kind().check(value, Integer.MAX_VALUE).isPresent() ? value : field.kind().normalise(value);
        } catch (RuntimeException e) {
            return value;
        }
    }
}
