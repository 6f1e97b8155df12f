package io.syncengine.application;

/**
 * What one attempt to apply a queued operation came to.
 *
 * @param settled the operation as it settled, when {@code outcome} is SETTLED; else null
 */
public record ApplyAttempt(ApplyOutcome outcome, OperationSettled settled) {

    static ApplyAttempt of(ApplyOutcome outcome) {
        return new ApplyAttempt(outcome, null);
    }
}
