package io.syncengine.domain.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract's rules for facts (sales and stock movements), as pure functions of what was sent and the products
 * as they are now (locked by the caller). A fact changes stock by a delta and never raises a product's version, so
 * tills selling the same product at once never conflict with each other; a fact can only be refused for want of
 * stock, for a reference that never existed, or (a stock movement) for a product deleted on the server.
 */
public final class StockPolicy {

    private StockPolicy() {
    }

    /** A product as the apply transaction found it, under its row lock. */
    public record ProductState(String id, long stock, BigDecimal price, boolean deleted) {
    }

    /** A sale line with the server's view of its product when the sale applied. */
    public record PricedLine(SaleLine line, BigDecimal serverPrice, boolean productDeleted) {

        /** The till sold at another price than the server's current one (the sale still applies at the till's). */
        public boolean priceDiffers() {
            return line.unitPrice().compareTo(serverPrice) != 0;
        }
    }

    /** Requested against available, per line (or per movement), as a conflict shows it. */
    public record Shortfall(int line, String productId, long requested, long available, boolean insufficient) {
    }

    public sealed interface Decision {
    }

    /**
     * Record the fact and change stock.
     *
     * @param stockChanges product id → delta, for products whose stock changes
     * @param archive      deleted products the fact still names: they stay deleted and are marked archived
     */
    public record Apply(List<PricedLine> lines, Map<String, Long> stockChanges, Set<String> archive)
            implements Decision {
    }

    /** Keep the fact for review; nothing changes. */
    public record Refuse(ConflictType type, String detail, List<Shortfall> shortfalls) implements Decision {
    }

    /**
     * @param products        every product the lines name that exists (tombstones included), by id
     * @param customerMissing the sale names a customer that never existed
     * @param force           an operator asked to record it anyway: stock may go below zero
     */
    public static Decision sale(SaleData sale, Map<String, ProductState> products, boolean customerMissing,
            boolean force) {
        for (SaleLine line : sale.lines()) {
            if (!products.containsKey(line.productId())) {
                return new Refuse(ConflictType.REFERENCE_MISSING, "lines/" + line.lineNo()
                        + "/productId refers to product " + line.productId() + ", which does not exist", List.of());
            }
        }
        if (customerMissing) {
            return new Refuse(ConflictType.REFERENCE_MISSING, "customerId refers to customer " + sale.customerId()
                    + ", which does not exist", List.of());
        }
        Map<String, Long> requested = new LinkedHashMap<>();
        Set<String> archive = new LinkedHashSet<>();
        List<PricedLine> priced = new ArrayList<>();
        for (SaleLine line : sale.lines()) {
            ProductState product = products.get(line.productId());
            priced.add(new PricedLine(line, product.price(), product.deleted()));
            if (product.deleted()) {
                // Out of the assortment: its stock stays as it was when it was deleted.
                archive.add(product.id());
            } else {
                requested.merge(product.id(), line.quantity(), Long::sum);
            }
        }
        if (!force) {
            boolean short_ = requested.entrySet().stream()
                    .anyMatch(e -> products.get(e.getKey()).stock() < e.getValue());
            if (short_) {
                List<Shortfall> shortfalls = new ArrayList<>();
                for (SaleLine line : sale.lines()) {
                    ProductState product = products.get(line.productId());
                    if (!product.deleted()) {
                        shortfalls.add(new Shortfall(line.lineNo(), product.id(), line.quantity(), product.stock(),
                                product.stock() < requested.get(product.id())));
                    }
                }
                return new Refuse(ConflictType.INSUFFICIENT_STOCK,
                        "the sale would take stock below zero; nothing was applied", List.copyOf(shortfalls));
            }
        }
        Map<String, Long> changes = new LinkedHashMap<>();
        requested.forEach((id, quantity) -> changes.put(id, -quantity));
        return new Apply(List.copyOf(priced), changes, archive);
    }

    /**
     * @param product the product the movement names, or null when it never existed
     * @param force   an operator asked to record it anyway (stock may go below zero; a deleted product's stock
     *                changes)
     */
    public static Decision movement(StockMovementData movement, ProductState product, boolean force) {
        if (product == null) {
            return new Refuse(ConflictType.REFERENCE_MISSING, "productId refers to product "
                    + movement.productId() + ", which does not exist", List.of());
        }
        if (product.deleted() && !force) {
            return new Refuse(ConflictType.DELETED_ON_SERVER, "product " + product.id()
                    + " was deleted on the server", List.of());
        }
        if (!force && product.stock() + movement.delta() < 0) {
            return new Refuse(ConflictType.INSUFFICIENT_STOCK, "the movement would take stock below zero",
                    List.of(new Shortfall(0, product.id(), -movement.delta(), product.stock(), true)));
        }
        return new Apply(List.of(), Map.of(product.id(), movement.delta()), Set.of());
    }
}
