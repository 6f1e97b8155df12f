package io.syncengine.application;

import io.syncengine.SyncNames;
import io.syncengine.domain.model.ApplyDecision;
import io.syncengine.domain.model.ApplyPolicy;
import io.syncengine.domain.model.ConflictType;
import io.syncengine.domain.model.EntityType;
import io.syncengine.domain.model.FieldSpec;
import io.syncengine.domain.model.OperationType;
import io.syncengine.domain.model.RecordKey;
import io.syncengine.domain.model.SyncOperation;
import io.syncengine.domain.model.SyncRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies operations on master data (category, product, customer) inside the caller's apply transaction: the
 * record is locked, the version compared by hand ({@link ApplyPolicy}), references and sku uniqueness checked, and
 * the record changed under JPA {@code @Version}. Its resulting version is known because the record is locked.
 */
@ApplicationScoped
public class MasterDataChanges {

    @PersistenceContext(unitName = SyncNames.LOCAL_PERSISTENCE_UNIT)
    private EntityManager em;

    /** A terminal's operation, as the contract's apply semantics say. */
    ApplyResult apply(SyncOperation op, OffsetDateTime now) {
        EntityType type = op.entityType();
        JsonObject data = op.dataJson();
        SyncRecord current = lock(type, op.getTenant(), op.getEntityId());
        ApplyDecision decision = ApplyPolicy.decide(op.type(), op.getBaseVersion(), data, current);
        if (decision instanceof ApplyDecision.Create || decision instanceof ApplyDecision.Update) {
            Optional<ApplyResult> refused = checkReferences(op.getTenant(), type, op.getEntityId(), data, current);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        if (decision instanceof ApplyDecision.Conflict conflict) {
            return new ApplyResult.Refused(conflict.type(), conflict.detail(), null, json(current));
        }
        if (decision instanceof ApplyDecision.Create) {
            SyncRecord record = type.newRecord(op.getTenant(), op.getEntityId());
            record.apply(data, now);
            em.persist(record);
            return ApplyResult.Applied.at(SyncRecord.FIRST_VERSION);
        }
        if (decision instanceof ApplyDecision.Update) {
            current.apply(data, now);
            return ApplyResult.Applied.at(current.getVersion() + 1);
        }
        if (decision instanceof ApplyDecision.Delete) {
            current.delete(now);
            return ApplyResult.Applied.at(current.getVersion() + 1);
        }
        return ApplyResult.Applied.at(current == null ? null : current.getVersion());
    }

    /**
     * An operator's APPLY_LOCAL or APPLY_MERGED: {@code data} goes onto the record as it is now, provided it is
     * still at {@code expectedVersion} (the version the operator decided against; null: there was no record). A
     * tombstone is brought back, a missing record created. References and sku uniqueness still hold.
     *
     * @param originalType the type of the terminal's operation: a DELETE stays a delete
     */
    ApplyResult force(String tenant, EntityType type, String id, OperationType originalType, JsonObject data,
            Long expectedVersion, OffsetDateTime now) {
        SyncRecord current = lock(type, tenant, id);
        Long version = current == null ? null : current.getVersion();
        if (!Objects.equals(version, expectedVersion)) {
            return new ApplyResult.Refused(ConflictType.VERSION_MISMATCH, "the record changed after the resolution "
                    + "was requested: it was " + describe(expectedVersion) + ", it is " + describe(version) + " now",
                    null, json(current));
        }
        if (originalType == OperationType.DELETE) {
            if (current == null || current.isDeleted()) {
                return ApplyResult.Applied.at(version);
            }
            current.delete(now);
            return ApplyResult.Applied.at(version + 1);
        }
        Optional<ApplyResult> refused = checkReferences(tenant, type, id, data, current);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (current == null) {
            SyncRecord record = type.newRecord(tenant, id);
            record.apply(data, now);
            em.persist(record);
            return ApplyResult.Applied.at(SyncRecord.FIRST_VERSION);
        }
        if (current.isDeleted()) {
            current.restore(now);
        }
        current.apply(data, now);
        return ApplyResult.Applied.at(version + 1);
    }

    /** The record's version now (null when there is none), under its lock. */
    Long currentVersion(EntityType type, String tenant, String id) {
        SyncRecord current = lock(type, tenant, id);
        return current == null ? null : current.getVersion();
    }

    private SyncRecord lock(EntityType type, String tenant, String id) {
        return em.createNamedQuery(SyncRecord.lockQuery(type), type.recordClass())
                .setParameter("tenant", tenant)
                .setParameter("id", id)
                .getResultStream().findFirst().orElse(null);
    }

    private static String describe(Long version) {
        return version == null ? "absent" : "at version " + version;
    }

    private static JsonObject json(SyncRecord record) {
        return record == null ? null : record.toJson();
    }

    private Optional<ApplyResult> checkReferences(String tenant, EntityType type, String id, JsonObject data,
            SyncRecord current) {
        for (FieldSpec field : type.fields()) {
            if (field.references() == null || !data.containsKey(field.name()) || data.isNull(field.name())) {
                continue;
            }
            String target = data.getString(field.name());
            if (field.references() == type && target.equals(id)) {
                return Optional.of(new ApplyResult.Refused(ConflictType.REFERENCE_MISSING,
                        field.name() + " must not refer to the record itself", null, json(current)));
            }
            if (em.find(field.references().recordClass(), new RecordKey(tenant, target)) == null) {
                return Optional.of(new ApplyResult.Refused(ConflictType.REFERENCE_MISSING,
                        field.name() + " refers to " + field.references().wireName() + " " + target
                                + ", which does not exist", null, json(current)));
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
                return Optional.of(new ApplyResult.Refused(ConflictType.DUPLICATE_SKU,
                        "another product of the tenant already has sku " + data.getString("sku"), null,
                        json(current)));
            }
        }
        return Optional.empty();
    }
}
