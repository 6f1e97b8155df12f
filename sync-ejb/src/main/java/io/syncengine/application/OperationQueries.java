package io.syncengine.application;

import io.syncengine.SyncNames;
import io.syncengine.domain.model.OperationKey;
import io.syncengine.domain.model.OperationStatus;
import io.syncengine.domain.model.SyncOperation;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Lists the tenant's operations by status (operators look for FAILED ones to re-drive), newest first, keyset-paged
 * on (received at, device, op id).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class OperationQueries {

    @PersistenceContext(unitName = SyncNames.LOCAL_PERSISTENCE_UNIT)
    private EntityManager em;

    public OperationPage list(Caller caller, OperationFilter filter, int limit, String cursor) {
        StringBuilder jpql = new StringBuilder("SELECT o FROM SyncOperation o WHERE o.tenant = :tenant "
                + "AND o.status = :status");
        if (filter.deviceId() != null) {
            jpql.append(" AND o.deviceId = :device");
        }
        if (filter.entity() != null) {
            jpql.append(" AND o.entity = :entity");
        }
        if (filter.from() != null) {
            jpql.append(" AND o.settledAt >= :from");
        }
        if (filter.to() != null) {
            jpql.append(" AND o.settledAt < :to");
        }
        Position after = cursor == null ? null : Position.decode(cursor);
        if (after != null) {
            jpql.append(" AND (o.receivedAt < :at OR (o.receivedAt = :at AND (o.deviceId < :afterDevice "
                    + "OR (o.deviceId = :afterDevice AND o.opId < :afterOp))))");
        }
        jpql.append(" ORDER BY o.receivedAt DESC, o.deviceId DESC, o.opId DESC");
        TypedQuery<SyncOperation> query = em.createQuery(jpql.toString(), SyncOperation.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("status", OperationStatus.valueOf(filter.status()));
        if (filter.deviceId() != null) {
            query.setParameter("device", filter.deviceId());
        }
        if (filter.entity() != null) {
            query.setParameter("entity", filter.entity());
        }
        if (filter.from() != null) {
            query.setParameter("from", filter.from());
        }
        if (filter.to() != null) {
            query.setParameter("to", filter.to());
        }
        if (after != null) {
            query.setParameter("at", after.receivedAt()).setParameter("afterDevice", after.deviceId())
                    .setParameter("afterOp", after.opId());
        }
        List<SyncOperation> rows = query.setMaxResults(limit + 1).getResultList();
        boolean more = rows.size() > limit;
        List<SyncOperation> page = more ? rows.subList(0, limit) : rows;
        SyncOperation last = more ? page.get(limit - 1) : null;
        return new OperationPage(page.stream().map(OperationView::of).toList(),
                last == null ? null : new Position(last.getReceivedAt(), last.getDeviceId(), last.getOpId()).encode());
    }

    /** One operation of the tenant, as the given persistence context sees it. */
    static OperationView view(EntityManager em, String tenant, String deviceId, String opId) {
        SyncOperation op = em.find(SyncOperation.class, new OperationKey(tenant, deviceId, opId));
        if (op == null) {
            throw new NotFoundException("operation " + opId);
        }
        return OperationView.of(op);
    }

    /** Where a page ended. Malformed cursors are refused. */
    record Position(OffsetDateTime receivedAt, String deviceId, String opId) {

        String encode() {
            return CursorText.encode(receivedAt.toString(), deviceId, opId);
        }

        static Position decode(String cursor) {
            String[] parts = CursorText.decode(cursor, 3);
            try {
                return new Position(OffsetDateTime.parse(parts[0]), parts[1], parts[2]);
            } catch (DateTimeParseException e) {
                throw new InvalidCursorException();
            }
        }
    }
}
