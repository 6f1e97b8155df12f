package io.syncengine.application;

import io.syncengine.SyncNames;
import io.syncengine.domain.model.FieldError;
import io.syncengine.domain.model.OperationStatus;
import io.syncengine.domain.model.SyncBatch;
import io.syncengine.domain.model.SyncOperation;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads batch status, optionally holding the answer until no operation of the batch is pending. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class BatchQueries {

    /** The longest a caller may ask to wait (contract: waitSeconds ≤ 30). */
    public static final int MAX_WAIT_SECONDS = LongPoll.MAX_WAIT_SECONDS;
    private static final long RECHECK_MILLIS = 1000;

    @PersistenceContext(unitName = SyncNames.LOCAL_PERSISTENCE_UNIT)
    private EntityManager em;

    @Inject
    private SettleSignals signals;

    /**
     * The batch's status; with {@code waitSeconds}, held until none of its operations is pending. While it waits it
     * only counts the batch's pending operations (an index of pending operations per device), once per settlement
     * of the device's operations and at least every second; the whole status is read once, at the end. Reading the
     * whole batch at every check profiled as a quarter of the server's CPU with a few terminals waiting.
     */
    public BatchStatusView status(Caller caller, String batchId, int waitSeconds) {
        SyncBatch batch = em.find(SyncBatch.class, new SyncBatch.Key(caller.tenant(), batchId));
        if (batch == null || !caller.mayRead(batch.getDeviceId())) {
            throw new NotFoundException("batch " + batchId);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(waitSeconds, MAX_WAIT_SECONDS));
        try {
            long left;
            while ((left = deadline - System.nanoTime()) > 0 && pending(caller.tenant(), batch) > 0) {
                signals.await(caller.tenant(), batch.getDeviceId(),
                        Math.min(RECHECK_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return read(caller, batch);
    }

    private long pending(String tenant, SyncBatch batch) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM sync_operation WHERE tenant = ?1 "
                        + "AND device_id = ?2 AND status = 'PENDING' AND batch_id = ?3")
                .setParameter(1, tenant)
                .setParameter(2, batch.getDeviceId())
                .setParameter(3, batch.getBatchId())
                .getSingleResult()).longValue();
    }

    private BatchStatusView read(Caller caller, SyncBatch batch) {
        String batchId = batch.getBatchId();
        List<String> opIds = batch.opIds();
        Map<String, SyncOperation> byId = em.createQuery("SELECT o FROM SyncOperation o WHERE o.tenant = :tenant "
                        + "AND o.deviceId = :device AND o.opId IN :ids", SyncOperation.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("device", batch.getDeviceId())
                .setParameter("ids", opIds)
                .getResultStream()
                .collect(Collectors.toMap(SyncOperation::getOpId, Function.identity()));

        Map<String, Integer> counts = new LinkedHashMap<>();
        for (OperationStatus status : OperationStatus.values()) {
            counts.put(status.name(), 0);
        }
        List<BatchStatusView.OperationView> operations = new ArrayList<>(opIds.size());
        for (String opId : opIds) {
            SyncOperation op = byId.get(opId);
            counts.merge(op.getStatus().name(), 1, Integer::sum);
            operations.add(new BatchStatusView.OperationView(op.getOpId(), op.getSeq(), op.getEntity(),
                    op.getEntityId(), op.getOpType(), op.getStatus().name(), op.getResultVersion(),
                    op.getAssignedId(), op.getConflictId(), errors(op), op.notesJson()));
        }
        return new BatchStatusView(batchId, batch.getDeviceId(), batch.getReceivedAt(), counts, operations);
    }

    private static List<FieldError> errors(SyncOperation op) {
        if (op.getStatus() == OperationStatus.FAILED) {
            return List.of(new FieldError("", "could not be applied after " + op.getFailedAttempts()
                    + " failed attempts; it is kept and an operator can re-drive it"));
        }
        if (op.errorsJson() == null) {
            return null;
        }
        return op.errorsJson().getValuesAs(JsonValue::asJsonObject).stream()
                .map((JsonObject e) -> new FieldError(e.getString("pointer"), e.getString("message")))
                .toList();
    }
}
