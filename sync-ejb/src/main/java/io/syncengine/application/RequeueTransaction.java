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
        // One statement picks the due operations and marks them. SKIP LOCKED: with several instances each sweeps
        // different rows, and an operation being applied right now is left alone.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("UPDATE sync_operation o "
                        + "SET requeues = o.requeues + 1, requeued_at = now() FROM ("
                        + "SELECT tenant, device_id, op_id FROM sync_operation "
                        + "WHERE status = 'PENDING' AND deliveries = 0 "
                        + "AND received_at < now() - make_interval(secs => ?1) "
                        + "AND (requeued_at IS NULL OR requeued_at < now() - make_interval(secs => ?1)) "
                        + "ORDER BY received_at LIMIT ?2 FOR UPDATE SKIP LOCKED) due "
                        + "WHERE o.tenant = due.tenant AND o.device_id = due.device_id AND o.op_id = due.op_id "
                        + "RETURNING o.tenant, o.device_id, o.op_id, o.batch_id, o.seq")
                .setParameter(1, olderThanSeconds)
                .setParameter(2, limit)
                .getResultList();
        List<QueuedOperation> operations = QueuedOperation.fromReturnedRows(rows);
        queue.enqueue(operations);
        return operations.size();
    }
}
