package io.syncengine.application;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the server knows about one device: when it last pushed and pulled (and with which cursor), its operations
 * waiting, failed and in open conflicts, the highest {@code seq} it sent and the gaps below it (a lost receipt), and
 * the clock skew seen in its last batch (receive time minus its newest clientTime: positive when its clock is behind
 * or the batch waited, negative when its clock is ahead).
 *
 * @param gaps     missing seq ranges, lowest first (at most {@value DeviceQueries#MAX_GAPS}; {@code missing}
 *                 counts them all); null in the device list
 */
public record DeviceStatusView(
        String deviceId,
        OffsetDateTime firstSeenAt,
        OffsetDateTime lastPushAt,
        String lastBatchId,
        OffsetDateTime lastPullAt,
        String lastCursor,
        Long highestSeq,
        Long clockSkewMs,
        long pending,
        long failed,
        long openConflicts,
        List<SeqGap> gaps,
        Long missing) {

    /** Seqs {@code from} to {@code to} (both included) were never received. */
    public record SeqGap(long from, long to) {
    }
}
