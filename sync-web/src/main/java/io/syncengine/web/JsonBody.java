package io.syncengine.web;

import io.syncengine.domain.model.FieldError;
import io.syncengine.domain.model.JsonText;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.util.List;
import java.util.Set;

/** Parsing of request bodies into JSON, with the one problem shape for malformed or mis-shaped input. */
final class JsonBody {

    private JsonBody() {
    }

    static JsonStructure parse(String text) {
        try {
            return JsonText.parse(text);
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw ProblemException.invalid("Malformed JSON", List.of(new FieldError("",
                    "is not valid JSON" + (at == null ? "" : " (line " + at.getLineNumber() + ", column "
                            + at.getColumnNumber() + ")"))));
        } catch (JsonException e) {
            throw ProblemException.invalid("Malformed JSON", List.of(new FieldError("", "is not valid JSON")));
        }
    }

    /** A body that must be a JSON object whose members are all in {@code fields}. */
    static JsonObject object(String text, Set<String> fields) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid("", "a JSON object is required");
        }
        if (!(parse(text) instanceof JsonObject object)) {
            throw ProblemException.invalid("", "must be a JSON object");
        }
        List<FieldError> unknown = object.keySet().stream().filter(name -> !fields.contains(name))
                .map(name -> new FieldError("/" + name, "is not a field of this request (fields: "
                        + String.join(", ", fields.stream().sorted().toList()) + ")"))
                .toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("Invalid request", unknown);
        }
        return object;
    }

    /** An optional string member; a member of another type is reported in {@code errors}. */
    static String text(JsonObject body, String name, List<FieldError> errors) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        errors.add(new FieldError("/" + name, "must be a string"));
        return null;
    }
}
