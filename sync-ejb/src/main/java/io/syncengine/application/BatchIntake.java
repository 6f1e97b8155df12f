package io.syncengine.application;

import io.syncengine.SyncNames;
import io.syncengine.domain.model.DeliveryPriority;
import io.syncengine.domain.model.JsonText;
import io.syncengine.domain.model.OperationInput;
import io.syncengine.domain.model.OperationStatus;
import io.syncengine.domain.model.SyncBatch;
import io.syncengine.domain.model.SyncOperation;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Accepts a batch: records every operation in the operation log and queues one message per valid, new operation,
 * all in one JTA transaction. The datasource and the JMS connection factory are both XA resources, so the records
 * and the messages commit together or not at all: no recorded operation is ever left unqueued, and no message
 * ever names an operation that was not recorded.
 */
@Stateless
public class BatchIntake {

    @PersistenceContext(unitName = SyncNames.PERSISTENCE_UNIT)
    private EntityManager em;

    @Inject
    private OperationRecords records;

    @Inject
    private OperationQueue queue;

    @Inject
    private SyncMetrics metrics;

    @Inject
    private OutcomeLog outcomes;

    @Inject
    private AfterCommit afterCommit;

    public BatchReceipt accept(Caller caller, BatchSubmission batch) {
        String tenant = caller.tenant();
        int received = batch.operations().size();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

        // Claims the batch id; a concurrent post of the same id waits here until the first one commits.
        int claimed = em.createNativeQuery("INSERT INTO sync_batch "
                        + "(tenant, batch_id, device_id, content_hash, op_ids, received_by, received_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .setParameter(1, tenant)
                .setParameter(2, batch.batchId())
                .setParameter(3, batch.deviceId())
                .setParameter(4, batch.contentHash())
                .setParameter(5, opIdsJson(batch))
                .setParameter(6, caller.subject())
                .setParameter(7, now)
                .executeUpdate();
        if (claimed == 0) {
            SyncBatch earlier = em.find(SyncBatch.class, new SyncBatch.Key(tenant, batch.batchId()));
            if (!earlier.getContentHash().equals(batch.contentHash())
                    || !earlier.getDeviceId().equals(batch.deviceId())) {
                throw new BatchIdReusedException(batch.batchId());
            }
            return new BatchReceipt(batch.batchId(), received, received);
        }

        List<SyncOperation> operations = batch.operations().stream()
                .map(input -> SyncOperation.received(tenant, batch.deviceId(), batch.batchId(), input,
                        caller.subject(), now))
                .toList();
        // Writing the records first enlists the database before the broker, so the database commits first.
        List<SyncOperation> newOperations = records.recordNew(operations);
        List<SyncOperation> pending = new ArrayList<>();
        List<SyncMetrics.RecordedOperation> recorded = new ArrayList<>();
        for (SyncOperation op : newOperations) {
            recorded.add(new SyncMetrics.RecordedOperation(op.getOpId(), op.getSeq(), op.getEntity(), op.getStatus()));
            if (!op.getStatus().isFinal()) {
                pending.add(op);
            }
        }
        recordPush(tenant, batch, now);

        pending.sort(Comparator.comparingLong(SyncOperation::getSeq));
        // Only a batch that starts with facts can be raised, so only then is the earlier backlog looked at.
        boolean startsWithFacts = !pending.isEmpty() && pending.get(0).entityType().isFact();
        List<Integer> priorities = DeliveryPriority.of(pending.stream().map(SyncOperation::entityType).toList(),
                startsWithFacts && masterDataWaiting(tenant, batch));
        List<QueuedOperation> messages = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            SyncOperation op = pending.get(i);
            messages.add(new QueuedOperation(tenant, op.getDeviceId(), op.getOpId(), op.getBatchId(), op.getSeq(),
                    priorities.get(i)));
        }
        queue.enqueue(messages);
        afterCommit.run(() -> {
            metrics.recorded(tenant, recorded);
            recorded.stream().filter(op -> op.status() == OperationStatus.REJECTED)
                    .forEach(op -> outcomes.rejected(tenant, batch.deviceId(), batch.batchId(), op));
        });
        return new BatchReceipt(batch.batchId(), received, received - newOperations.size());
    }

    /**
     * The device's status row (the server learns devices from what they send): last push, highest seq, and the
     * clock skew seen in this batch (receive time minus its newest clientTime).
     */
    private void recordPush(String tenant, BatchSubmission batch, OffsetDateTime now) {
        Long maxSeq = batch.operations().stream().map(OperationInput::seq).filter(Objects::nonNull)
                .max(Long::compare).orElse(null);
        Long skewMillis = batch.operations().stream().map(OperationInput::clientTime).filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .map(newest -> Duration.between(newest, now).toMillis()).orElse(null);
        em.createNativeQuery("INSERT INTO sync_device AS d (tenant, device_id, first_seen_at, last_push_at, "
                        + "last_batch_id, max_seq, clock_skew_ms) VALUES (?1, ?2, ?3, ?3, ?4, CAST(?5 AS BIGINT), "
                        + "CAST(?6 AS BIGINT)) "
                        + "ON CONFLICT (tenant, device_id) DO UPDATE SET last_push_at = EXCLUDED.last_push_at, "
                        + "last_batch_id = EXCLUDED.last_batch_id, "
                        + "max_seq = GREATEST(d.max_seq, EXCLUDED.max_seq), "
                        + "clock_skew_ms = COALESCE(EXCLUDED.clock_skew_ms, d.clock_skew_ms)")
                .setParameter(1, tenant)
                .setParameter(2, batch.deviceId())
                .setParameter(3, now)
                .setParameter(4, batch.batchId())
                .setParameter(5, maxSeq)
                .setParameter(6, skewMillis)
                .executeUpdate();
    }

    /** Whether a master-data operation of the device from an earlier batch still waits to apply. */
    private boolean masterDataWaiting(String tenant, BatchSubmission batch) {
        return !em.createNativeQuery("SELECT 1 FROM sync_operation WHERE tenant = ?1 AND device_id = ?2 "
                        + "AND status = 'PENDING' AND batch_id <> ?3 AND entity NOT IN ('sale', 'stock-movement') "
                        + "LIMIT 1")
                .setParameter(1, tenant)
                .setParameter(2, batch.deviceId())
                .setParameter(3, batch.batchId())
                .getResultList().isEmpty();
    }

    private static String opIdsJson(BatchSubmission batch) {
        var ids = JsonText.array();
        batch.operations().forEach(op -> ids.add(op.opId()));
        return ids.build().toString();
    }
}
