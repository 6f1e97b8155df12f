package io.syncengine.domain.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;

/**
 * The application's one JSON provider, looked up once. Every {@code jakarta.json.Json.create…} call looks the
 * provider up again through {@code ServiceLoader}, which scans the class path: profiled at a fifth of the server's
 * CPU under load when called per operation.
 */
public final class JsonText {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonText() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    /**
     * The value with every NUL character in its strings (and member names) replaced by U+FFFD: PostgreSQL's text and
     * jsonb cannot hold NUL, so what a terminal sent is stored this way when it is kept for the record.
     */
    public static JsonValue withoutNul(JsonValue value) {
        if (value instanceof JsonString s) {
            return s.getString().indexOf('\0') < 0 ? s : PROVIDER.createValue(withoutNul(s.getString()));
        }
        if (value instanceof JsonObject object) {
            JsonObjectBuilder copy = PROVIDER.createObjectBuilder();
            object.forEach((name, member) -> copy.add(withoutNul(name), withoutNul(member)));
            return copy.build();
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder copy = PROVIDER.createArrayBuilder();
            array.forEach(element -> copy.add(withoutNul(element)));
            return copy.build();
        }
        return value;
    }

    /** The text with every NUL character replaced by U+FFFD (see {@link #withoutNul(JsonValue)}). */
    public static String withoutNul(String text) {
        return text.replace('\0', '\uFFFD');
    }

    /** Parses any JSON document (the parser's exceptions tell where it is malformed). */
    public static JsonStructure parse(String json) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(json))) {
            return reader.read();
        }
    }

    /** A streaming parser over {@code json}, for readers that check the document while building it. */
    public static JsonParser parser(String json) {
        return PROVIDER.createParser(new StringReader(json));
    }

    public static JsonObject parseObject(String json) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    public static JsonArray parseArray(String json) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }
}
