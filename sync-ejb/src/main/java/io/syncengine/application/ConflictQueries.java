package io.syncengine.application;

import io.syncengine.SyncNames;
import io.syncengine.domain.model.Conflict;
import io.syncengine.domain.model.ConflictDifferences;
import io.syncengine.domain.model.ConflictResolution;
import io.syncengine.domain.model.ConflictType;
import io.syncengine.domain.model.EntityType;
import io.syncengine.domain.model.JsonText;
import io.syncengine.domain.model.Product;
import io.syncengine.domain.model.RecordKey;
import io.syncengine.domain.model.SyncRecord;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
        return new ConflictPage(page.stream().map(c -> view(c, null, null, null)).toList(), next);
    }

    /**
     * One conflict with the server's record as it is now and the field-by-field difference; with
     * {@code waitSeconds} the answer is held until no resolution of it is pending (or the time is up).
     */
    public ConflictView get(Caller caller, String id, int waitSeconds) {
        Conflict conflict = LongPoll.await(() -> find(caller, id),
                c -> c.getResolutionId() == null || c.getStatus() == Conflict.Status.RESOLVED, waitSeconds);
        return detailed(conflict);
    }

    private Conflict find(Caller caller, String id) {
        Conflict conflict = em.find(Conflict.class, id);
        if (conflict == null || !conflict.getTenant().equals(caller.tenant())) {
            throw new NotFoundException("conflict " + id);
        }
        return conflict;
    }

    private ConflictView detailed(Conflict c) {
        EntityType type = EntityType.fromWire(c.getEntity()).orElseThrow();
        JsonObject now;
        JsonArray differences = null;
        if (type.isFact()) {
            // The products the fact names, as they are now (stock, price, deleted).
            JsonArrayBuilder products = JsonText.array();
            productIds(type, c.localDataJson()).forEach(productId -> {
                Product p = em.find(Product.class, new RecordKey(c.getTenant(), productId));
                if (p != null) {
                    products.add(p.toJson());
                }
            });
            now = JsonText.object().add("products", products).build();
        } else {
            SyncRecord record = em.find(type.recordClass(), new RecordKey(c.getTenant(), c.getEntityId()));
            now = record == null ? null : record.toJson();
            differences = ConflictDifferences.of(type, c.localDataJson(), c.serverRecordJson(), now);
        }
        List<ResolutionView> resolutions = em.createQuery("SELECT r FROM ConflictResolution r "
                        + "WHERE r.conflictId = :conflict ORDER BY r.requestedAt", ConflictResolution.class)
                .setParameter("conflict", c.getId())
                .getResultStream().map(ResolutionView::of).toList();
        return view(c, now, differences, resolutions);
    }

    private static List<String> productIds(EntityType type, JsonObject data) {
        if (data == null) {
            return List.of();
        }
        if (type == EntityType.STOCK_MOVEMENT) {
            return data.containsKey("productId") ? List.of(data.getString("productId")) : List.of();
        }
        return data.getJsonArray("lines").getValuesAs(JsonObject.class).stream()
                .map(line -> line.getString("productId")).distinct().toList();
    }

    private static ConflictView view(Conflict c, JsonObject now, JsonArray differences,
            List<ResolutionView> resolutions) {
        return new ConflictView(c.getId(), c.getStatus().name(), c.getConflictType().name(), c.getDetail(),
                c.getDeviceId(), c.getOpId(), c.getBatchId(), c.getSeq(), c.getEntity(), c.getEntityId(),
                c.getOpType(), c.getBaseVersion(), c.localDataJson(), c.serverRecordJson(), c.detailsJson(),
                c.getDetectedAt(), now, differences,
                c.getStatus() == Conflict.Status.OPEN ? c.getResolutionId() : null,
                c.getResolvedAction() == null ? null : c.getResolvedAction().name(), c.getResolvedBy(),
                c.getResolvedAt(), c.getResolvedVersion(), resolutions);
    }

    /** Where a page ended. Malformed cursors are refused by {@link #decode}. */
    record Position(OffsetDateTime detectedAt, String id) {

        String encode() {
            return CursorText.encode(detectedAt.toString(), id);
        }

        static Position decode(String cursor) {
            String[] parts = CursorText.decode(cursor, 2);
            try {
                return new Position(OffsetDateTime.parse(parts[0]), parts[1]);
            } catch (DateTimeParseException e) {
                throw new InvalidCursorException();
            }
        }
    }
}
