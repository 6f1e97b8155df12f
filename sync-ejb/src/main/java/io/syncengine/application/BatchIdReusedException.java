package io.syncengine.application;

import jakarta.ejb.ApplicationException;

/** A batch id the tenant already used for other content: the receipt would be ambiguous, so nothing is stored. */
@ApplicationException(rollback = true)
public class BatchIdReusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BatchIdReusedException(String batchId) {
        super("batch " + batchId + " was already received with other content; a new batch needs a new batchId");
    }
}
