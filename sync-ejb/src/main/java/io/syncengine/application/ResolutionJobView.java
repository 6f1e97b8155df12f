package io.syncengine.application;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * Progress of a bulk resolution. {@code status}: SUBMITTING (conflicts are still being handed to the queue),
 * APPLYING (all handed over, some not applied yet), DONE, or FAILED (submitting stopped; see {@code error}).
 *
 * @param submitted conflicts given a resolution so far
 * @param skipped   matching conflicts the action did not fit ({@code error} says why for the last one)
 * @param pending   submitted resolutions not applied yet
 * @param resolved  conflicts now RESOLVED by this job
 * @param stillOpen conflicts that stayed OPEN with a new reason (the record moved meanwhile)
 * @param failed    resolutions whose operation failed technically (re-drive it)
 */
public record ResolutionJobView(
        String jobId,
        String status,
        String action,
        String comment,
        JsonObject filter,
        String requestedBy,
        OffsetDateTime createdAt,
        OffsetDateTime submittedAt,
        int submitted,
        int skipped,
        long pending,
        long resolved,
        long stillOpen,
        long failed,
        String error) {
}
