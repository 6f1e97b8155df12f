package io.syncengine.application;

import io.syncengine.SyncNames;
import io.syncengine.domain.model.Conflict;
import io.syncengine.domain.model.ConflictType;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;

/** Lists and reads conflicts of the caller's tenant, newest first, keyset-paged (stable while rows are added). */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ConflictQueries {

    @PersistenceContext(unitName = SyncNames.LOCAL_PERSISTENCE_UNIT)
    private EntityManager em;

    public ConflictPage list(Caller caller, ConflictFilter filter, int limit, String cursor) {
        StringBuilder jpql = new StringBuilder("SELECT c FROM Conflict c WHERE c.tenant = :tenant");
        if (filter.status() != null) {
            jpql.append(" AND c.status = :status");
        }
        if (filter.deviceId() != null) {
            jpql.append(" AND c.deviceId = :device");
        }
        if (filter.entity() != null) {
            jpql.append(" AND c.entity = :entity");
        }
        if (filter.type() != null) {
            jpql.append(" AND c.conflictType = :type");
        }
        Position after = cursor == null ? null : Position.decode(cursor);
        if (after != null) {
            jpql.append(" AND (c.detectedAt < :at OR (c.detectedAt = :at AND c.id < :id))");
        }
        jpql.append(" ORDER BY c.detectedAt DESC, c.id DESC");

        TypedQuery<Conflict> query = em.createQuery(jpql.toString(), Conflict.class)
                .setParameter("tenant", caller.tenant());
        if (filter.status() != null) {
            query.setParameter("status", Conflict.Status.valueOf(filter.status()));
        }
        if (filter.deviceId() != null) {
            query.setParameter("device", filter.deviceId());
        }
        if (filter.entity() != null) {
            query.setParameter("entity", filter.entity());
        }
        if (filter.type() != null) {
            query.setParameter("type", ConflictType.valueOf(filter.type()));
        }
        if (after != null) {
            query.setParameter("at", after.detectedAt()).setParameter("id", after.id());
        }
        List<Conflict> rows = query.setMaxResults(limit + 1).getResultList();
        boolean more = rows.size() > limit;
        List<Conflict> page = more ? rows.subList(0, limit) : rows;
        String next = more ? new Position(page.get(limit - 1).getDetectedAt(), page.get(limit - 1).getId()).encode()
                : null;
        return new ConflictPage(page.stream().map(ConflictQueries::view).toList(), next);
    }

    public ConflictView get(Caller caller, String id) {
        Conflict conflict = em.find(Conflict.class, id);
        if (conflict == null || !conflict.getTenant().equals(caller.tenant())) {
            throw new NotFoundException("conflict " + id);
        }
        return view(conflict);
    }

    private static ConflictView view(Conflict c) {
        return new ConflictView(c.getId(), c.getStatus().name(), c.getConflictType().name(), c.getDetail(),
                c.getDeviceId(), c.getOpId(), c.getBatchId(), c.getSeq(), c.getEntity(), c.getEntityId(),
                c.getOpType(), c.getBaseVersion(), c.localDataJson(), c.serverRecordJson(), c.getDetectedAt());
    }

    /** Where a page ended. Malformed cursors are refused by {@link #decode}. */
    record Position(OffsetDateTime detectedAt, String id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((detectedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                return new Position(OffsetDateTime.parse(text.substring(0, bar)), text.substring(bar + 1));
            } catch (RuntimeException e) {
                throw new InvalidCursorException();
            }
        }
    }
}
