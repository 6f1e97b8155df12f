package io.syncengine.application;

import io.syncengine.SyncNames;
import io.syncengine.domain.model.AuditEventType;
import io.syncengine.domain.model.Customer;
import io.syncengine.domain.model.EntityType;
import io.syncengine.domain.model.JsonText;
import io.syncengine.domain.model.Product;
import io.syncengine.domain.model.RecordKey;
import io.syncengine.domain.model.Sale;
import io.syncengine.domain.model.SaleData;
import io.syncengine.domain.model.SaleLine;
import io.syncengine.domain.model.SaleLineEntry;
import io.syncengine.domain.model.StockMovement;
import io.syncengine.domain.model.StockMovementData;
import io.syncengine.domain.model.StockPolicy;
import io.syncengine.domain.model.SyncOperation;
import io.syncengine.domain.model.SyncRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Records facts (sales and stock movements) inside the caller's apply transaction. The products a fact names are
 * locked in id order (so two sales naming the same products in another order cannot deadlock), the rules of
 * {@link StockPolicy} decide, and stock changes by delta with an UPDATE that bypasses JPA: a delta must not raise
 * the product's version, which guards the master data a person edits.
 */
@ApplicationScoped
public class FactRecorder {

    @PersistenceContext(unitName = SyncNames.LOCAL_PERSISTENCE_UNIT)
    private EntityManager em;

    /**
     * @param data  the fact as sent (or as an operator corrected it)
     * @param force an operator asked to record it although stock is insufficient
     */
    ApplyResult record(SyncOperation op, JsonObject data, boolean force, OffsetDateTime now) {
        return op.entityType() == EntityType.SALE
                ? sale(op, SaleData.of(data), force, now)
                : movement(op, StockMovementData.of(data), force, now);
    }

    private ApplyResult sale(SyncOperation op, SaleData sale, boolean force, OffsetDateTime now) {
        String tenant = op.getTenant();
        String id = op.getEntityId();
        Sale existing = em.find(Sale.class, new RecordKey(tenant, id));
        if (existing != null) {
            if (existing.data(lines(tenant, id)).sameAs(sale)) {
                return ApplyResult.Applied.at(1L);
            }
            id = UUID.randomUUID().toString();
        }
        Map<String, Product> products = lockProducts(tenant, sale.lines().stream().map(SaleLine::productId).toList());
        boolean customerMissing = sale.customerId() != null
                && em.find(Customer.class, new RecordKey(tenant, sale.customerId())) == null;
        Map<String, StockPolicy.ProductState> states = new LinkedHashMap<>();
        products.forEach((productId, p) -> states.put(productId, state(p)));

        StockPolicy.Decision decision = StockPolicy.sale(sale, states, customerMissing, force);
        if (decision instanceof StockPolicy.Refuse refuse) {
            return refused(refuse, products);
        }
        StockPolicy.Apply apply = (StockPolicy.Apply) decision;
        changeStock(tenant, apply, now);
        Sale recorded = Sale.recorded(op, id, sale, force, now);
        em.persist(recorded);
        JsonArrayBuilder notes = JsonText.array();
        for (StockPolicy.PricedLine line : apply.lines()) {
            em.persist(SaleLineEntry.of(recorded, line));
            if (line.priceDiffers()) {
                notes.add(JsonText.object().add("type", AuditEventType.PRICE_DIFFERS.name())
                        .add("line", line.line().lineNo())
                        .add("productId", line.line().productId())
                        .add("unitPrice", line.line().unitPrice().toPlainString())
                        .add("serverPrice", line.serverPrice().toPlainString()));
            }
        }
        apply.archive().forEach(productId -> notes.add(JsonText.object()
                .add("type", AuditEventType.PRODUCT_ARCHIVED.name()).add("productId", productId)));
        String assignedId = assigned(op, id, force, notes);
        return new ApplyResult.Applied(1L, assignedId, notes.build());
    }

    private ApplyResult movement(SyncOperation op, StockMovementData movement, boolean force, OffsetDateTime now) {
        String tenant = op.getTenant();
        String id = op.getEntityId();
        StockMovement existing = em.find(StockMovement.class, new RecordKey(tenant, id));
        if (existing != null) {
            if (existing.data().sameAs(movement)) {
                return ApplyResult.Applied.at(1L);
            }
            id = UUID.randomUUID().toString();
        }
        Map<String, Product> products = lockProducts(tenant, List.of(movement.productId()));
        Product product = products.get(movement.productId());
        StockPolicy.Decision decision = StockPolicy.movement(movement, product == null ? null : state(product),
                force);
        if (decision instanceof StockPolicy.Refuse refuse) {
            return refused(refuse, products);
        }
        changeStock(tenant, (StockPolicy.Apply) decision, now);
        em.persist(StockMovement.recorded(op, id, movement, force, now));
        JsonArrayBuilder notes = JsonText.array();
        String assignedId = assigned(op, id, force, notes);
        return new ApplyResult.Applied(1L, assignedId, notes.build());
    }

    /** The new id when the one sent was taken (noted for auditors), else null; a forced fact is noted too. */
    private static String assigned(SyncOperation op, String id, boolean force, JsonArrayBuilder notes) {
        if (force) {
            notes.add(JsonText.object().add("type", AuditEventType.FORCED_BY_OPERATOR.name()));
        }
        if (id.equals(op.getEntityId())) {
            return null;
        }
        notes.add(JsonText.object().add("type", AuditEventType.ID_ASSIGNED.name()).add("sentId", op.getEntityId())
                .add("id", id));
        return id;
    }

    private Map<String, Product> lockProducts(String tenant, List<String> ids) {
        Map<String, Product> products = new LinkedHashMap<>();
        // One row lock per product, always in id order.
        for (String id : new TreeSet<>(ids)) {
            em.createNamedQuery(SyncRecord.lockQuery(EntityType.PRODUCT), Product.class)
                    .setParameter("tenant", tenant)
                    .setParameter("id", id)
                    .getResultStream().findFirst().ifPresent(product -> products.put(id, product));
        }
        return products;
    }

    private void changeStock(String tenant, StockPolicy.Apply apply, OffsetDateTime now) {
        apply.stockChanges().forEach((productId, delta) -> em.createNativeQuery(
                        "UPDATE product SET stock = stock + ?1, updated_at = ?2 WHERE tenant = ?3 AND id = ?4")
                .setParameter(1, delta)
                .setParameter(2, now)
                .setParameter(3, tenant)
                .setParameter(4, productId)
                .executeUpdate());
        apply.archive().forEach(productId -> em.createNativeQuery(
                        "UPDATE product SET archived_at = ?1, updated_at = ?1 "
                                + "WHERE tenant = ?2 AND id = ?3 AND archived_at IS NULL")
                .setParameter(1, now)
                .setParameter(2, tenant)
                .setParameter(3, productId)
                .executeUpdate());
    }

    private List<SaleLineEntry> lines(String tenant, String saleId) {
        return em.createQuery("SELECT l FROM SaleLineEntry l WHERE l.tenant = :tenant AND l.saleId = :sale "
                        + "ORDER BY l.lineNo", SaleLineEntry.class)
                .setParameter("tenant", tenant)
                .setParameter("sale", saleId)
                .getResultList();
    }

    private static StockPolicy.ProductState state(Product product) {
        return new StockPolicy.ProductState(product.getId(), product.getStock(), product.getPrice(),
                product.isDeleted());
    }

    private static ApplyResult refused(StockPolicy.Refuse refuse, Map<String, Product> products) {
        JsonArrayBuilder details = JsonText.array();
        refuse.shortfalls().forEach(s -> details.add(JsonText.object().add("line", s.line())
                .add("productId", s.productId()).add("requested", s.requested()).add("available", s.available())
                .add("insufficient", s.insufficient())));
        JsonArrayBuilder found = JsonText.array();
        products.values().forEach(p -> found.add(p.toJson()));
        return new ApplyResult.Refused(refuse.type(), refuse.detail(), details.build(),
                JsonText.object().add("products", found).build());
    }
}
