package io.syncengine.application;

import jakarta.ejb.ApplicationException;

/**
 * The request is well-formed but the object is not in a state that allows it (a conflict already resolved or
 * with a resolution on its way, an operation that is not FAILED): answered 409, nothing is changed.
 */
@ApplicationException(rollback = true)
public class StateConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateConflictException(String detail) {
        super(detail);
    }
}
