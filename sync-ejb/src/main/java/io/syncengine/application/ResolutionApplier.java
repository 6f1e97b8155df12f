package io.syncengine.application;

import io.syncengine.SyncNames;
import io.syncengine.domain.model.Conflict;
import io.syncengine.domain.model.ConflictResolution;
import io.syncengine.domain.model.EntityType;
import io.syncengine.domain.model.OperationType;
import io.syncengine.domain.model.ResolutionAction;
import io.syncengine.domain.model.SyncOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;

/**
 * Applies an operation that carries an operator's resolution, inside the caller's apply transaction, against the
 * record as it is now: the conflict becomes RESOLVED with the resulting version, or stays OPEN with the new reason
 * when the record moved after the operator decided (or a reference is still missing).
 */
@ApplicationScoped
public class ResolutionApplier {

    @PersistenceContext(unitName = SyncNames.LOCAL_PERSISTENCE_UNIT)
    private EntityManager em;

    @Inject
    private MasterDataChanges masterData;

    @Inject
    private FactRecorder facts;

    void apply(SyncOperation op, OffsetDateTime now) {
        ConflictResolution resolution = em.find(ConflictResolution.class, op.getResolutionId(),
                LockModeType.PESSIMISTIC_WRITE);
        Conflict conflict = em.find(Conflict.class, resolution.getConflictId(), LockModeType.PESSIMISTIC_WRITE);
        EntityType type = op.entityType();
        ResolutionAction action = resolution.getAction();

        ApplyResult result;
        if (!action.writes()) {
            // Nothing changes; the version reported is the record's as it is now.
            result = ApplyResult.Applied.at(type.isFact() ? null
                    : masterData.currentVersion(type, op.getTenant(), op.getEntityId()));
        } else {
            JsonObject data = action == ResolutionAction.APPLY_MERGED ? resolution.dataJson()
                    : conflict.localDataJson();
            result = type.isFact()
                    ? facts.record(op, data, action == ResolutionAction.APPLY_LOCAL, now)
                    : masterData.force(op.getTenant(), type, op.getEntityId(),
                            OperationType.valueOf(conflict.getOpType()), data, resolution.getExpectedVersion(), now);
        }

        if (result instanceof ApplyResult.Applied applied) {
            conflict.resolved(resolution, applied.version(), now);
            resolution.resolved(applied.version(), now);
            op.applied(applied.version(), applied.assignedId(), applied.notes(), now);
        } else {
            ApplyResult.Refused refused = (ApplyResult.Refused) result;
            conflict.stillOpen(refused.type(), refused.detail(), refused.details(), refused.serverRecord());
            resolution.stillOpen(refused.type() + ": " + refused.detail(), now);
            op.conflicted(conflict.getId(), now);
        }
    }
}
