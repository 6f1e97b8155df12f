package io.syncengine.application;

import io.syncengine.domain.model.FieldError;
import jakarta.ejb.ApplicationException;
import java.util.List;

/** Input the application checked and refused (one pointer per reason); nothing is changed. */
@ApplicationException(rollback = true)
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
