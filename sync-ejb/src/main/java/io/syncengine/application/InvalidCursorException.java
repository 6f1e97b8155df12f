package io.syncengine.application;

import jakarta.ejb.ApplicationException;

/** A paging cursor this server did not hand out. */
@ApplicationException(rollback = true)
public class InvalidCursorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidCursorException() {
        super("cursor is not one this server handed out; start again without a cursor");
    }
}
