package io.syncengine.web;

import io.syncengine.domain.model.FieldError;
import java.util.List;

/** An error the edge detected itself (invalid input, limits, a device acting as another): answered as a problem. */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final transient List<FieldError> errors;
    private final Long retryAfterSeconds;

    public ProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
        this(status, type, title, detail, errors, null);
    }

    private ProblemException(int status, String type, String title, String detail, List<FieldError> errors,
            Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429: the caller sends faster than its limit; {@code retryAfterSeconds} goes out as {@code Retry-After}. */
    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(429, Problem.TOO_MANY_REQUESTS, "Too many requests", detail, null,
                retryAfterSeconds);
    }

    public static ProblemException invalid(String title, List<FieldError> errors) {
        return new ProblemException(400, Problem.VALIDATION, title,
                errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid", errors);
    }

    public static ProblemException invalid(String pointer, String message) {
        return invalid("Invalid request", List.of(new FieldError(pointer, message)));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Seconds after which a retry may succeed, or null when a retry will not help. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
