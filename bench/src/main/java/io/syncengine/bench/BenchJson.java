package io.syncengine.bench;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * The bench's one JSON provider, looked up once. Each {@code jakarta.json.Json.create…} call looks the provider up
 * again through {@code ServiceLoader}, which reads the jar's service files: profiled at three quarters of the
 * terminals' CPU while they built their batches, CPU that the server on the same cores then did not get.
 */
final class BenchJson {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private BenchJson() {
    }

    static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    static JsonObject readObject(String json) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
