package io.syncengine.application;

import io.syncengine.SyncNames;
import io.syncengine.domain.model.Conflict;
import io.syncengine.domain.model.OperationKey;
import io.syncengine.domain.model.OperationStatus;
import io.syncengine.domain.model.SyncOperation;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One attempt to apply one operation, in its own transaction with only the database enlisted.
 *
 * <p>The operation's log entry is locked first ({@code SELECT … FOR UPDATE}); a final one is left alone, which is
 * what makes a redelivered or re-posted operation a no-op. Then the change itself: master data
 * ({@link MasterDataChanges}: the record locked and its version compared by hand, because an
 * {@code OptimisticLockException} would mark the transaction rollback-only and send a conflict round the redelivery
 * loop, whereas a conflict is an outcome to commit), a fact ({@link FactRecorder}: stock by delta) or an operator's
 * resolution ({@link ResolutionApplier}). The status change, the change and any conflict row commit together.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ApplyTransaction {

    @PersistenceContext(unitName = SyncNames.LOCAL_PERSISTENCE_UNIT)
    private EntityManager em;

    @Inject
    private MasterDataChanges masterData;

    @Inject
    private FactRecorder facts;

    @Inject
    private ResolutionApplier resolutions;

    public ApplyAttempt applyOnce(OperationKey key, int deliveryCount) {
        // Nothing this transaction reads depends on what it has written (it locks, decides, then writes), so nothing
        // is flushed before the commit. In the default AUTO mode the record's lock query flushed op.delivered()
        // below: the log entry was updated twice per apply (9 % of the apply threads' CPU in a profile).
        em.setFlushMode(FlushModeType.COMMIT);
        SyncOperation op = em.createNamedQuery(SyncOperation.LOCK, SyncOperation.class)
                .setParameter("tenant", key.getTenant())
                .setParameter("deviceId", key.getDeviceId())
                .setParameter("opId", key.getOpId())
                .getResultStream().findFirst().orElse(null);
        if (op == null) {
            return ApplyAttempt.of(ApplyOutcome.NOT_YET_VISIBLE);
        }
        if (op.getStatus().isFinal()) {
            return ApplyAttempt.of(ApplyOutcome.ALREADY_FINAL);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Everything below is flushed once, at commit: one UPDATE of the log entry (delivery and outcome together)
        // and the writes of the change itself.
        op.delivered(deliveryCount);
        if (op.getResolutionId() != null) {
            resolutions.apply(op, now);
            return new ApplyAttempt(ApplyOutcome.SETTLED, OperationSettled.of(op));
        }
        ApplyResult result = op.entityType().isFact()
                ? facts.record(op, op.dataJson(), false, now)
                : masterData.apply(op, now);
        if (result instanceof ApplyResult.Applied applied) {
            op.applied(applied.version(), applied.assignedId(), applied.notes(), now);
        } else {
            ApplyResult.Refused refused = (ApplyResult.Refused) result;
            Conflict row = Conflict.detected(op, refused.type(), refused.detail(), refused.details(),
                    refused.serverRecord(), now);
            em.persist(row);
            op.conflicted(row.getId(), now);
        }
        return new ApplyAttempt(ApplyOutcome.SETTLED, OperationSettled.of(op));
    }

    /** Records a technical failure of one attempt; the message goes back to the broker for redelivery. */
    public void recordFailedAttempt(OperationKey key, String error) {
        em.createQuery("UPDATE SyncOperation o SET o.failedAttempts = o.failedAttempts + 1, o.lastError = :error "
                        + "WHERE o.tenant = :tenant AND o.deviceId = :device AND o.opId = :op "
                        + "AND o.status = :pending")
                .setParameter("error", error.length() > 2000 ? error.substring(0, 2000) : error)
                .setParameter("tenant", key.getTenant())
                .setParameter("device", key.getDeviceId())
                .setParameter("op", key.getOpId())
                .setParameter("pending", OperationStatus.PENDING)
                .executeUpdate();
    }

    /**
     * Marks an operation whose every delivery failed as FAILED.
     *
     * @return the operation's entity; null when it was not pending (or not known)
     */
    public String markFailed(OperationKey key) {
        boolean failed = em.createQuery("UPDATE SyncOperation o SET o.status = :failed, o.settledAt = :now "
                        + "WHERE o.tenant = :tenant AND o.deviceId = :device AND o.opId = :op "
                        + "AND o.status = :pending")
                .setParameter("failed", OperationStatus.FAILED)
                .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter("tenant", key.getTenant())
                .setParameter("device", key.getDeviceId())
                .setParameter("op", key.getOpId())
                .setParameter("pending", OperationStatus.PENDING)
                .executeUpdate() == 1;
        if (failed && key.getOpId().startsWith(SyncOperation.RESOLUTION_PREFIX)) {
            // The conflict keeps this resolution pending: re-driving the operation finishes it.
            em.createNativeQuery("UPDATE sync_conflict_resolution SET status = 'FAILED', settled_at = now() "
                            + "WHERE tenant = ?1 AND op_id = ?2 AND status = 'PENDING'")
                    .setParameter(1, key.getTenant())
                    .setParameter(2, key.getOpId())
                    .executeUpdate();
        }
        if (!failed) {
            return null;
        }
        return em.createQuery("SELECT o.entity FROM SyncOperation o "
                        + "WHERE o.tenant = :tenant AND o.deviceId = :device AND o.opId = :op", String.class)
                .setParameter("tenant", key.getTenant())
                .setParameter("device", key.getDeviceId())
                .setParameter("op", key.getOpId())
                .getSingleResult();
    }
}
