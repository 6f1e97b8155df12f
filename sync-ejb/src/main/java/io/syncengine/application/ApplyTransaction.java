package io.syncengine.application;

import io.syncengine.SyncNames;
import io.syncengine.domain.model.ApplyDecision;
import io.syncengine.domain.model.ApplyPolicy;
import io.syncengine.domain.model.Conflict;
import io.syncengine.domain.model.ConflictType;
import io.syncengine.domain.model.EntityType;
import io.syncengine.domain.model.FieldSpec;
import io.syncengine.domain.model.OperationKey;
import io.syncengine.domain.model.OperationStatus;
import io.syncengine.domain.model.RecordKey;
import io.syncengine.domain.model.SyncOperation;
import io.syncengine.domain.model.SyncRecord;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * One attempt to apply one operation, in its own transaction with only the database enlisted.
 *
 * <p>The operation's log entry is locked first ({@code SELECT … FOR UPDATE}); a final one is left alone, which is
 * what makes a redelivered or re-posted operation a no-op. Then the record is locked and compared with the
 * operation's base version by hand: an {@code OptimisticLockException} would mark the transaction rollback-only and
 * send a conflict round the redelivery loop, whereas a conflict is an outcome to commit. The status change, the
 * record change and any conflict row commit together.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ApplyTransaction {

    @PersistenceContext(unitName = SyncNames.LOCAL_PERSISTENCE_UNIT)
    private EntityManager em;

    public ApplyOutcome applyOnce(OperationKey key, int deliveryCount) {
        SyncOperation op = em.find(SyncOperation.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (op == null) {
            return ApplyOutcome.NOT_YET_VISIBLE;
        }
        if (op.getStatus().isFinal()) {
            return ApplyOutcome.ALREADY_FINAL;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        EntityType type = op.entityType();
        JsonObject data = op.dataJson();
        SyncRecord current = em.find(type.recordClass(), new RecordKey(op.getTenant(), op.getEntityId()),
                LockModeType.PESSIMISTIC_WRITE);

        ApplyDecision decision = ApplyPolicy.decide(op.type(), op.getBaseVersion(), data, current);
        if (decision instanceof ApplyDecision.Create || decision instanceof ApplyDecision.Update) {
            decision = checkReferences(op.getTenant(), type, op.getEntityId(), data).orElse(decision);
        }

        // Everything below is flushed once, at commit: one UPDATE of the log entry (delivery and outcome together)
        // and one write of the record. Its resulting version is known here because the record is locked.
        op.delivered(deliveryCount);
        if (decision instanceof ApplyDecision.Conflict conflict) {
            Conflict row = Conflict.detected(op, conflict.type(), conflict.detail(), current, now);
            em.persist(row);
            op.conflicted(row.getId(), now);
        } else if (decision instanceof ApplyDecision.Create) {
            SyncRecord record = type.newRecord(op.getTenant(), op.getEntityId());
            record.apply(data, now);
            em.persist(record);
            op.applied(SyncRecord.FIRST_VERSION, now);
        } else if (decision instanceof ApplyDecision.Update) {
            current.apply(data, now);
            op.applied(current.getVersion() + 1, now);
        } else if (decision instanceof ApplyDecision.Delete) {
            current.delete(now);
            op.applied(current.getVersion() + 1, now);
        } else {
            op.applied(current == null ? null : current.getVersion(), now);
        }
        return ApplyOutcome.SETTLED;
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

    /** Marks an operation whose every delivery failed as FAILED; false when it was not pending (or not known). */
    public boolean markFailed(OperationKey key) {
        return em.createQuery("UPDATE SyncOperation o SET o.status = :failed, o.settledAt = :now "
                        + "WHERE o.tenant = :tenant AND o.deviceId = :device AND o.opId = :op "
                        + "AND o.status = :pending")
                .setParameter("failed", OperationStatus.FAILED)
                .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter("tenant", key.getTenant())
                .setParameter("device", key.getDeviceId())
                .setParameter("op", key.getOpId())
                .setParameter("pending", OperationStatus.PENDING)
                .executeUpdate() == 1;
    }

    private Optional<ApplyDecision> checkReferences(String tenant, EntityType type, String id, JsonObject data) {
        for (FieldSpec field : type.fields()) {
            if (field.references() == null || !data.containsKey(field.name()) || data.isNull(field.name())) {
                continue;
            }
            String target = data.getString(field.name());
            if (field.references() == type && target.equals(id)) {
                return Optional.of(new ApplyDecision.Conflict(ConflictType.REFERENCE_MISSING,
                        field.name() + " must not refer to the record itself"));
            }
            if (em.find(field.references().recordClass(), new RecordKey(tenant, target)) == null) {
                return Optional.of(new ApplyDecision.Conflict(ConflictType.REFERENCE_MISSING,
                        field.name() + " refers to " + field.references().wireName() + " " + target
                                + ", which does not exist"));
            }
        }
        if (type == EntityType.PRODUCT && data.containsKey("sku")) {
            boolean taken = !em.createQuery("SELECT p.id FROM Product p WHERE p.tenant = :tenant "
                            + "AND p.sku = :sku AND p.deleted = false AND p.id <> :id", String.class)
                    .setParameter("tenant", tenant)
                    .setParameter("sku", data.getString("sku"))
                    .setParameter("id", id)
                    .setMaxResults(1)
                    .getResultList().isEmpty();
            if (taken) {
                return Optional.of(new ApplyDecision.Conflict(ConflictType.DUPLICATE_SKU,
                        "another product of the tenant already has sku " + data.getString("sku")));
            }
        }
        return Optional.empty();
    }
}
