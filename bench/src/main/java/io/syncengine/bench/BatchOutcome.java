package io.syncengine.bench;

/**
 * What became of an accepted batch: settled (no operation PENDING) at {@code settledNanos}, or not settled within
 * the run, with the reason in {@code error}. {@code counts} are from the last status answer seen.
 */
record BatchOutcome(AcceptedBatch batch, boolean settled, long settledNanos, StatusCounts counts, String error) {

    static BatchOutcome settled(AcceptedBatch batch, long settledNanos, StatusCounts counts) {
        return new BatchOutcome(batch, true, settledNanos, counts, null);
    }

    static BatchOutcome unsettled(AcceptedBatch batch, StatusCounts counts, String error) {
        return new BatchOutcome(batch, false, 0, counts, error);
    }

    /** From the POST being sent until nothing of the batch was pending any more. */
    long applyNanos() {
        return settledNanos - batch.sentNanos();
    }
}
