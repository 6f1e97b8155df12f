package io.syncengine.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The result of a run as ordered {@code key: value} pairs, printable as text for people and as JSON for scripts
 * that compare runs. Numbers stay numbers in the JSON; a measurement that could not be made is a string saying
 * why.
 */
final class Report {

    private final Map<String, Object> entries = new LinkedHashMap<>();

    Report put(String key, String value) {
        entries.put(key, value);
        return this;
    }

    Report put(String key, long value) {
        entries.put(key, value);
        return this;
    }

    Report put(String key, boolean value) {
        entries.put(key, value);
        return this;
    }

    /** A measured quantity, rounded to {@code decimals} places. */
    Report put(String key, double value, int decimals) {
        entries.put(key, BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
        return this;
    }

    /** A memory figure measured in KiB, reported in MiB; when there is none, {@code missing} says why. */
    Report putMib(String key, OptionalLong kib, String missing) {
        return kib.isPresent() ? put(key, kib.getAsLong() / 1024.0, 1) : put(key, missing);
    }

    List<String> lines() {
        return entries.entrySet().stream().map(e -> e.getKey() + ": " + text(e.getValue())).toList();
    }

    JsonObject json() {
        JsonObjectBuilder json = BenchJson.object();
        entries.forEach((key, value) -> {
            if (value instanceof BigDecimal d) {
                json.add(key, d);
            } else if (value instanceof Long n) {
                json.add(key, n);
            } else if (value instanceof Boolean b) {
                json.add(key, b);
            } else {
                json.add(key, value.toString());
            }
        });
        return json.build();
    }

    private static String text(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }
}
