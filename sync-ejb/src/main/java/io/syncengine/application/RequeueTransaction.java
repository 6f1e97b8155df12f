package io.syncengine.application;

import io.syncengine.SyncNames;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Re-queues undelivered operations in one transaction with their re-queue marks (XA: both or neither). */
@Stateless
public class RequeueTransaction {

    @PersistenceContext(unitName = SyncNames.PERSISTENCE_UNIT)
    private EntityManager em;

    @Inject
    private OperationQueue queue;

    /**
     * @return how many operations were re-queued
     */
    public int requeueUndelivered(int olderThanSeconds, int limit) {
        // SKIP LOCKED: with several instances, each sweeps different rows; an operation being applied is skipped.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT tenant, device_id, op_id, batch_id, seq "
                        + "FROM sync_operation WHERE status = 'PENDING' AND deliveries = 0 "
                        + "AND received_at < now() - make_interval(secs => ?1) "
                        + "AND (requeued_at IS NULL OR requeued_at < now() - make_interval(secs => ?1)) "
                        + "ORDER BY received_at, tenant, device_id, seq LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, olderThanSeconds)
                .setParameter(2, limit)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<QueuedOperation> operations = rows.stream()
                .map(r -> new QueuedOperation((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                        ((Number) r[4]).longValue()))
                .toList();
        for (QueuedOperation op : operations) {
            em.createNativeQuery("UPDATE sync_operation SET requeues = requeues + 1, requeued_at = now() "
                            + "WHERE tenant = ?1 AND device_id = ?2 AND op_id = ?3")
                    .setParameter(1, op.tenant())
                    .setParameter(2, op.deviceId())
                    .setParameter(3, op.opId())
                    .executeUpdate();
        }
        queue.enqueue(operations);
        return operations.size();
    }
}
