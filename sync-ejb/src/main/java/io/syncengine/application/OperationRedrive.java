package io.syncengine.application;

import io.syncengine.SyncNames;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-drives FAILED operations: an operator, having fixed what made them fail, sends them through the queue again.
 * The operation goes back to PENDING and is queued in the same XA transaction; it then applies at most once like
 * any operation (its log entry is locked and checked before anything changes). Its message already left the
 * dead-letter queue: {@code DeadLetterConsumer} drained it when it marked the operation FAILED, so the log, not the
 * broker, is the list of what waits for an operator.
 */
@Stateless
public class OperationRedrive {

    /** Most operations one bulk re-drive call takes. */
    public static final int MAX_BULK = 1000;

    @PersistenceContext(unitName = SyncNames.PERSISTENCE_UNIT)
    private EntityManager em;

    @Inject
    private OperationQueue queue;

    /**
     * @param deviceId the device, needed only when several devices used the same opId
     * @return the re-driven operation
     */
    public OperationView redrive(Caller caller, String opId, String deviceId) {
        List<Object[]> matches = em.createNativeQuery("SELECT device_id, status FROM sync_operation "
                        + "WHERE tenant = ?1 AND op_id = ?2 AND (CAST(?3 AS VARCHAR) IS NULL OR device_id = ?3) "
                        + "LIMIT 2")
                .setParameter(1, caller.tenant())
                .setParameter(2, opId)
                .setParameter(3, deviceId)
                .getResultList();
        if (matches.isEmpty()) {
            throw new NotFoundException("operation " + opId);
        }
        if (matches.size() > 1) {
            throw new StateConflictException("operation id " + opId + " was used by more than one device; "
                    + "name the device with ?deviceId=");
        }
        String device = (String) matches.get(0)[0];
        List<QueuedOperation> redriven = mark(caller, "o.device_id = ?3 AND o.op_id = ?4", List.of(device, opId), 1);
        if (redriven.isEmpty()) {
            throw new StateConflictException("operation " + opId + " is " + matches.get(0)[1]
                    + "; only FAILED operations can be re-driven");
        }
        queue.enqueue(redriven);
        return OperationQueries.view(em, caller.tenant(), device, opId);
    }

    /**
     * Re-drives up to {@code limit} FAILED operations of the tenant that match; each device's in {@code seq} order.
     *
     * @return how many were re-driven
     */
    public int redriveAll(Caller caller, OperationFilter filter, int limit) {
        StringBuilder where = new StringBuilder("TRUE");
        List<Object> params = new ArrayList<>();
        if (filter.deviceId() != null) {
            params.add(filter.deviceId());
            where.append(" AND o.device_id = ?").append(params.size() + 2);
        }
        if (filter.entity() != null) {
            params.add(filter.entity());
            where.append(" AND o.entity = ?").append(params.size() + 2);
        }
        if (filter.from() != null) {
            params.add(filter.from());
            where.append(" AND o.settled_at >= ?").append(params.size() + 2);
        }
        if (filter.to() != null) {
            params.add(filter.to());
            where.append(" AND o.settled_at < ?").append(params.size() + 2);
        }
        List<QueuedOperation> redriven = mark(caller, where.toString(), params, limit);
        queue.enqueue(redriven);
        return redriven.size();
    }

    /** Moves matching FAILED operations back to PENDING in one statement; parameters start at ?3. */
    @SuppressWarnings("unchecked")
    private List<QueuedOperation> mark(Caller caller, String where, List<Object> params, int limit) {
        var query = em.createNativeQuery("UPDATE sync_operation o SET status = 'PENDING', settled_at = NULL, "
                        + "deliveries = 0, failed_attempts = 0, redrives = o.redrives + 1, redriven_at = now(), "
                        + "redriven_by = ?1 FROM (SELECT tenant, device_id, op_id FROM sync_operation o "
                        + "WHERE o.tenant = ?2 AND o.status = 'FAILED' AND " + where
                        + " ORDER BY o.settled_at LIMIT " + limit + " FOR UPDATE) due "
                        + "WHERE o.tenant = due.tenant AND o.device_id = due.device_id AND o.op_id = due.op_id "
                        + "RETURNING o.tenant, o.device_id, o.op_id, o.batch_id, o.seq")
                .setParameter(1, caller.subject())
                .setParameter(2, caller.tenant());
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 3, params.get(i));
        }
        List<Object[]> rows = query.getResultList();
        List<QueuedOperation> operations = QueuedOperation.fromReturnedRows(rows);
        // A re-driven resolution is pending again too.
        em.createNativeQuery("UPDATE sync_conflict_resolution r SET status = 'PENDING', settled_at = NULL "
                        + "FROM sync_operation o WHERE o.tenant = ?1 AND o.op_id = r.op_id "
                        + "AND o.device_id = r.device_id AND o.status = 'PENDING' AND r.status = 'FAILED' "
                        + "AND r.tenant = ?1")
                .setParameter(1, caller.tenant())
                .executeUpdate();
        return operations;
    }
}
