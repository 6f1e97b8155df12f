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

    public ProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
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
}
