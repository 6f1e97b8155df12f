package io.syncengine.web;

import io.syncengine.domain.model.FieldError;
import io.syncengine.domain.model.JsonText;
import io.syncengine.domain.model.OperationValidator;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Parsing of request bodies into JSON, with the one problem shape for malformed or mis-shaped input. The document
 * is built from the parser's events, so the nesting depth and the length of every string are checked as it is
 * read: a hostile document is refused at the first offending value, naming it by its JSON pointer.
 */
final class JsonBody {

    private JsonBody() {
    }

    /**
     * What PostgreSQL's numeric (and so jsonb) holds: a number beyond it cannot even be kept with a rejected
     * operation, and used to fail the whole batch, on every retry.
     */
    static final int MAX_NUMBER_INTEGER_DIGITS = 131_072;
    static final int MAX_NUMBER_FRACTION_DIGITS = 16_383;

    /** The limits a document must keep (see {@link RequestBodies}). */
    record Limits(int maxDepth, int maxStringLength) {
    }

    static JsonValue parse(String text, Limits limits) {
        try (JsonParser parser = JsonText.parser(text)) {
            if (!parser.hasNext()) {
                throw malformed("is empty: a JSON document is required");
            }
            JsonValue document = read(parser, parser.next(), "", 1, limits);
            if (parser.hasNext()) {
                parser.next();
            }
            return document;
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw malformed("is not valid JSON" + (at == null ? "" : " (line " + at.getLineNumber() + ", column "
                    + at.getColumnNumber() + ")"));
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw malformed("is not valid JSON");
        }
    }

    private static JsonValue read(JsonParser parser, JsonParser.Event event, String pointer, int depth,
            Limits limits) {
        switch (event) {
            case START_OBJECT -> {
                tooDeep(pointer, depth, limits);
                JsonObjectBuilder object = JsonText.object();
                for (JsonParser.Event next = parser.next(); next != JsonParser.Event.END_OBJECT;
                        next = parser.next()) {
                    String name = parser.getString();
                    String at = pointer + "/" + OperationValidator.escape(name);
                    if (name.length() > limits.maxStringLength()) {
                        throw invalid(at, "has a member name longer than " + limits.maxStringLength()
                                + " characters");
                    }
                    object.add(name, read(parser, parser.next(), at, depth + 1, limits));
                }
                return object.build();
            }
            case START_ARRAY -> {
                tooDeep(pointer, depth, limits);
                JsonArrayBuilder array = JsonText.array();
                int index = 0;
                for (JsonParser.Event next = parser.next(); next != JsonParser.Event.END_ARRAY;
                        next = parser.next()) {
                    array.add(read(parser, next, pointer + "/" + index++, depth + 1, limits));
                }
                return array.build();
            }
            case VALUE_STRING -> {
                if (parser.getString().length() > limits.maxStringLength()) {
                    throw invalid(pointer, "must be at most " + limits.maxStringLength() + " characters long");
                }
                return parser.getValue();
            }
            case VALUE_NUMBER -> {
                BigDecimal number = parser.getBigDecimal();
                if (number.precision() - number.scale() > MAX_NUMBER_INTEGER_DIGITS
                        || number.scale() > MAX_NUMBER_FRACTION_DIGITS) {
                    throw invalid(pointer, "is a number too large or too precise to be stored");
                }
                return parser.getValue();
            }
            default -> {
                return parser.getValue();
            }
        }
    }

    private static void tooDeep(String pointer, int depth, Limits limits) {
        if (depth > limits.maxDepth()) {
            throw invalid(pointer, "nests objects and arrays deeper than " + limits.maxDepth() + " levels");
        }
    }

    private static ProblemException malformed(String message) {
        return ProblemException.invalid("Malformed JSON", List.of(new FieldError("", message)));
    }

    private static ProblemException invalid(String pointer, String message) {
        return ProblemException.invalid("Invalid JSON", List.of(new FieldError(pointer, message)));
    }

    /**
     * A body that must be a JSON object whose members are all in {@code fields}. NUL characters are refused: unlike
     * a pushed operation (kept for the record, see {@code OperationValidator}), these requests are not stored as
     * sent, and PostgreSQL cannot hold NUL.
     */
    static JsonObject object(String text, Set<String> fields, Limits limits) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid("", "a JSON object is required");
        }
        if (!(parse(text, limits) instanceof JsonObject object)) {
            throw ProblemException.invalid("", "must be a JSON object");
        }
        List<FieldError> unknown = object.keySet().stream().filter(name -> !fields.contains(name))
                .map(name -> new FieldError("/" + OperationValidator.escape(name),
                        "is not a field of this request (fields: "
                                + String.join(", ", fields.stream().sorted().toList()) + ")"))
                .toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("Invalid request", unknown);
        }
        List<FieldError> nul = OperationValidator.nulErrors(object, "");
        if (!nul.isEmpty()) {
            throw ProblemException.invalid("Invalid request", nul);
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
