package io.syncengine.bench;

import jakarta.json.JsonObject;

/** How many operations ended in each status, as the batch status answer counts them (contract: Batch status). */
record StatusCounts(long applied, long conflict, long rejected, long failed, long pending) {

    static final StatusCounts NONE = new StatusCounts(0, 0, 0, 0, 0);

    /** Reads the {@code counts} object of a batch status answer. */
    static StatusCounts of(JsonObject batchStatus) {
        JsonObject counts = batchStatus.getJsonObject("counts");
        return new StatusCounts(counts.getInt("APPLIED", 0), counts.getInt("CONFLICT", 0),
                counts.getInt("REJECTED", 0), counts.getInt("FAILED", 0), counts.getInt("PENDING", 0));
    }

    StatusCounts plus(StatusCounts other) {
        return new StatusCounts(applied + other.applied, conflict + other.conflict, rejected + other.rejected,
                failed + other.failed, pending + other.pending);
    }
}
