package io.syncengine.application;

import java.time.OffsetDateTime;

/**
 * The outcome of recomputing part of a tenant's hash chain.
 *
 * @param firstPosition the first link checked (null when the range held none)
 * @param lastPosition  the last link checked
 * @param checked       how many links were recomputed
 * @param intact        whether every link checked holds
 * @param brokenAt      the position of the first link that does not hold, or null
 * @param brokenEventId the event that link names, or null
 * @param problem       what is wrong with it, or null
 * @param headHash      the hash of the last link checked; an auditor who keeps it can later prove that nothing up
 *                      to there was rewritten (a rewrite of the whole chain changes it)
 * @param unsealed      events recorded (in the range) that no link names: the sealer links new ones within seconds;
 *                      any that stay were skipped, and that is a finding too
 */
public record AuditVerification(
        OffsetDateTime from,
        OffsetDateTime to,
        Long firstPosition,
        Long lastPosition,
        long checked,
        boolean intact,
        Long brokenAt,
        Long brokenEventId,
        String problem,
        String headHash,
        long unsealed) {
}
