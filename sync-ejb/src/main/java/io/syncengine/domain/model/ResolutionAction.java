package io.syncengine.domain.model;

/** What an operator decides about a conflict. */
public enum ResolutionAction {
    /** The server's record is right: nothing changes, the terminal's operation is settled. */
    ACCEPT_SERVER,
    /**
     * Force the terminal's data onto the current version. For a sale refused for insufficient stock: record the
     * sale anyway (the only way stock goes below zero).
     */
    APPLY_LOCAL,
    /** Apply data the operator gives (validated like any operation) onto the current version. */
    APPLY_MERGED,
    /** Drop the terminal's operation: nothing changes. */
    DISCARD;

    /** Whether the action changes data (and so can meet a record that moved meanwhile). */
    public boolean writes() {
        return this == APPLY_LOCAL || this == APPLY_MERGED;
    }
}
