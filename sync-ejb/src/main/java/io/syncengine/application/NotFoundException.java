package io.syncengine.application;

import jakarta.ejb.ApplicationException;

/** The object does not exist for this caller (another tenant's object is reported exactly the same way). */
@ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
