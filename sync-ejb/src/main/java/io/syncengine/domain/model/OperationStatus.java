package io.syncengine.domain.model;

/** Where an operation stands. Every status but {@link #PENDING} is final: a final operation never applies again. */
public enum OperationStatus {
    PENDING, APPLIED, CONFLICT, REJECTED, FAILED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
