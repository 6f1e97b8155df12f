package io.syncengine.application;

/** What one attempt to apply a queued operation came to. */
public enum ApplyOutcome {
    /** The operation reached a final status in this attempt (APPLIED or CONFLICT). */
    SETTLED,
    /** The operation was already final: a redelivery or a re-post; nothing was done. */
    ALREADY_FINAL,
    /** The operation's record is not visible yet: the transaction that recorded it has not finished committing. */
    NOT_YET_VISIBLE
}
