package io.syncengine.domain.model;

/** What applying one operation to the current record comes to. */
public sealed interface ApplyDecision {

    /** Insert a new record from the operation's data. */
    record Create() implements ApplyDecision {
    }

    /** Change the fields the operation carries; the version rises by one. */
    record Update() implements ApplyDecision {
    }

    /** Turn the record into a tombstone; the version rises by one. */
    record Delete() implements ApplyDecision {
    }

    /** Nothing to change, and that is success (a retried CREATE, a DELETE of what is gone). */
    record NoChange() implements ApplyDecision {
    }

    /** The operation cannot apply as sent; it is kept for review. */
    record Conflict(ConflictType type, String detail) implements ApplyDecision {
    }
}
