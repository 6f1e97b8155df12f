package io.syncengine.application;

import io.syncengine.SyncNames;
import io.syncengine.domain.model.Conflict;
import io.syncengine.domain.model.ConflictResolution;
import io.syncengine.domain.model.EntityType;
import io.syncengine.domain.model.FieldError;
import io.syncengine.domain.model.OperationType;
import io.syncengine.domain.model.OperationValidator;
import io.syncengine.domain.model.RecordKey;
import io.syncengine.domain.model.ResolutionAction;
import io.syncengine.domain.model.SyncOperation;
import io.syncengine.domain.model.SyncRecord;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes an operator's resolution of a conflict. A resolution is itself an operation: it is recorded in the
 * operation log (as the conflict's device, authored by the operator) and queued in the same XA transaction as the
 * resolution record, then applies through the same consumer and rules against the record as it is then. The
 * version the operator decided against is kept: if the record moves before the resolution applies, the conflict
 * stays open with the new reason instead of overwriting a change the operator never saw.
 */
@Stateless
public class ConflictResolutions {

    /** Longest comment kept with a resolution. */
    public static final int MAX_COMMENT = 2000;

    @PersistenceContext(unitName = SyncNames.PERSISTENCE_UNIT)
    private EntityManager em;

    @Inject
    private OperationQueue queue;

    public ResolutionView request(Caller caller, String conflictId, ResolutionRequest request) {
        Conflict conflict = em.find(Conflict.class, conflictId, LockModeType.PESSIMISTIC_WRITE);
        if (conflict == null || !conflict.getTenant().equals(caller.tenant())) {
            throw new NotFoundException("conflict " + conflictId);
        }
        List<FieldError> errors = new ArrayList<>();
        ConflictResolution resolution = submit(caller.subject(), conflict, request, null, errors);
        if (resolution == null) {
            throw new InvalidRequestException(errors);
        }
        return ResolutionView.of(resolution);
    }

    /**
     * Records and queues one resolution of a conflict the caller has locked.
     *
     * @param errors receives why the action cannot apply to this conflict (then nothing is recorded)
     * @return the resolution, or null when {@code errors} says why not
     * @throws StateConflictException when the conflict is resolved or a resolution is on its way
     */
    public ConflictResolution submit(String by, Conflict conflict, ResolutionRequest request, String jobId,
            List<FieldError> errors) {
        if (!conflict.awaitsResolution()) {
            throw new StateConflictException(conflict.getStatus() == Conflict.Status.RESOLVED
                    ? "conflict " + conflict.getId() + " is already resolved"
                    : "conflict " + conflict.getId() + " already has a resolution on its way; wait for it to apply");
        }
        ResolutionAction action = request.action();
        EntityType type = EntityType.fromWire(conflict.getEntity()).orElseThrow();
        OperationType originalType = OperationType.valueOf(conflict.getOpType());
        SyncRecord current = type.isFact() ? null
                : em.find(type.recordClass(), new RecordKey(conflict.getTenant(), conflict.getEntityId()));
        Long expectedVersion = current == null ? null : current.getVersion();

        JsonObject data = switch (action) {
            case APPLY_LOCAL -> conflict.localDataJson();
            case APPLY_MERGED -> request.data();
            default -> null;
        };
        if (action != ResolutionAction.APPLY_MERGED && request.data() != null) {
            errors.add(new FieldError("/data", "must be absent for " + action + " (only APPLY_MERGED carries data)"));
        } else if (action == ResolutionAction.APPLY_MERGED && originalType == OperationType.DELETE) {
            errors.add(new FieldError("/action", "APPLY_MERGED does not fit a DELETE; use APPLY_LOCAL to delete "
                    + "the record or ACCEPT_SERVER to keep it"));
        } else if (action == ResolutionAction.APPLY_MERGED && data == null) {
            errors.add(new FieldError("/data", "is required for APPLY_MERGED: the record's fields as they should be"));
        } else if (action.writes() && data != null) {
            // A missing record (or a fact) is created, so the data must be complete; otherwise a partial update.
            OperationType shape = type.isFact() || current == null ? OperationType.CREATE : OperationType.UPDATE;
            for (FieldError e : OperationValidator.dataErrors(type, shape, data)) {
                errors.add(action == ResolutionAction.APPLY_MERGED ? e : new FieldError("/action",
                        "APPLY_LOCAL cannot apply the terminal's data here (" + e.pointer() + " " + e.message()
                                + "); use APPLY_MERGED with the complete data"));
            }
        }
        if (request.comment() != null && request.comment().length() > MAX_COMMENT) {
            errors.add(new FieldError("/comment", "must be at most " + MAX_COMMENT + " characters long"));
        }
        if (!errors.isEmpty()) {
            return null;
        }

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ConflictResolution resolution = ConflictResolution.requested(conflict, action,
                action == ResolutionAction.APPLY_MERGED ? data : null, request.comment(), by, expectedVersion, jobId,
                now);
        em.persist(resolution);
        conflict.resolutionRequested(resolution);
        SyncOperation op = SyncOperation.resolution(conflict, resolution.getId(), originalType, expectedVersion,
                action.writes() ? data : null, by, now);
        em.persist(op);
        // The records first, so the database is enlisted before the broker.
        em.flush();
        queue.enqueue(List.of(new QueuedOperation(op.getTenant(), op.getDeviceId(), op.getOpId(), op.getBatchId(),
                null)));
        return resolution;
    }
}
