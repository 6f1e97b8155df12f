package io.syncengine.web;

import io.syncengine.application.BatchQueries;
import io.syncengine.domain.model.FieldError;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** Reading of query and body parameters; each invalid one adds its pointer and reason to {@code errors}. */
final class Params {

    private Params() {
    }

    /** A long-poll's {@code waitSeconds}: 0 to {@value BatchQueries#MAX_WAIT_SECONDS}; refused at once otherwise. */
    static int waitSeconds(String value) {
        int wait;
        try {
            wait = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            wait = -1;
        }
        if (wait < 0 || wait > BatchQueries.MAX_WAIT_SECONDS) {
            throw ProblemException.invalid("/waitSeconds",
                    "must be a whole number from 0 to " + BatchQueries.MAX_WAIT_SECONDS);
        }
        return wait;
    }

    static int limit(String value, int max, List<FieldError> errors) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("/limit", "must be a whole number from 1 to " + max));
        return 1;
    }

    static OffsetDateTime time(String name, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("/" + name, "must be an RFC 3339 time such as 2026-11-21T09:58:00Z"));
            return null;
        }
    }

    static Boolean flag(String name, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        errors.add(new FieldError("/" + name, "must be true or false"));
        return null;
    }

    static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value)).findFirst()
                .orElseGet(() -> {
                    errors.add(new FieldError("/" + name, "must be one of "
                            + Arrays.toString(type.getEnumConstants())));
                    return null;
                });
    }
}
