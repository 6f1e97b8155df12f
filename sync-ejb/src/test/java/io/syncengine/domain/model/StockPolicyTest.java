package io.syncengine.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StockPolicyTest {

    private static final BigDecimal PRICE = new BigDecimal("2.49");

    private static StockPolicy.ProductState product(String id, long stock, boolean deleted) {
        return new StockPolicy.ProductState(id, stock, PRICE, deleted);
    }

    private static SaleData sale(SaleLine... lines) {
        return new SaleData("R-1", null, Instant.parse("2026-11-21T10:00:00Z"), List.of(lines),
                new BigDecimal("10.00"));
    }

    private static SaleLine line(int no, String product, long quantity, String price) {
        return new SaleLine(no, product, quantity, new BigDecimal(price));
    }

    @Test
    void aSaleTakesItsQuantitiesOffStockPerProduct() {
        var decision = StockPolicy.sale(sale(line(0, "p1", 2, "2.49"), line(1, "p2", 1, "2.49"),
                        line(2, "p1", 3, "2.49")),
                Map.of("p1", product("p1", 5, false), "p2", product("p2", 1, false)), false, false);
        var apply = assertInstanceOf(StockPolicy.Apply.class, decision);
        assertEquals(Map.of("p1", -5L, "p2", -1L), apply.stockChanges());
        assertTrue(apply.archive().isEmpty());
        assertFalse(apply.lines().get(0).priceDiffers());
    }

    @Test
    void aLineBeyondStockRefusesTheWholeSaleShowingEveryLine() {
        var decision = StockPolicy.sale(sale(line(0, "p1", 2, "2.49"), line(1, "p2", 4, "2.49")),
                Map.of("p1", product("p1", 5, false), "p2", product("p2", 3, false)), false, false);
        var refuse = assertInstanceOf(StockPolicy.Refuse.class, decision);
        assertEquals(ConflictType.INSUFFICIENT_STOCK, refuse.type());
        assertEquals(List.of(new StockPolicy.Shortfall(0, "p1", 2, 5, false),
                new StockPolicy.Shortfall(1, "p2", 4, 3, true)), refuse.shortfalls());
    }

    @Test
    void twoLinesOfOneProductCountTogether() {
        var decision = StockPolicy.sale(sale(line(0, "p1", 3, "2.49"), line(1, "p1", 3, "2.49")),
                Map.of("p1", product("p1", 5, false)), false, false);
        assertEquals(ConflictType.INSUFFICIENT_STOCK, assertInstanceOf(StockPolicy.Refuse.class, decision).type());
    }

    @Test
    void forcedSaleMayTakeStockBelowZero() {
        var decision = StockPolicy.sale(sale(line(0, "p1", 7, "2.49")), Map.of("p1", product("p1", 5, false)),
                false, true);
        assertEquals(Map.of("p1", -7L), assertInstanceOf(StockPolicy.Apply.class, decision).stockChanges());
    }

    @Test
    void aDeletedProductIsSoldWithoutTouchingStockAndIsArchived() {
        var decision = StockPolicy.sale(sale(line(0, "p1", 9, "1.99")), Map.of("p1", product("p1", 0, true)),
                false, false);
        var apply = assertInstanceOf(StockPolicy.Apply.class, decision);
        assertTrue(apply.stockChanges().isEmpty());
        assertEquals(Set.of("p1"), apply.archive());
        assertTrue(apply.lines().get(0).productDeleted());
        assertTrue(apply.lines().get(0).priceDiffers());
    }

    @Test
    void anUnknownProductOrCustomerIsAMissingReference() {
        assertEquals(ConflictType.REFERENCE_MISSING, assertInstanceOf(StockPolicy.Refuse.class,
                StockPolicy.sale(sale(line(0, "nope", 1, "2.49")), Map.of(), false, false)).type());
        assertEquals(ConflictType.REFERENCE_MISSING, assertInstanceOf(StockPolicy.Refuse.class,
                StockPolicy.sale(sale(line(0, "p1", 1, "2.49")), Map.of("p1", product("p1", 5, false)), true,
                        false)).type());
    }

    @Test
    void movementsChangeStockUnlessTheyWouldTakeItBelowZero() {
        var in = StockPolicy.movement(new StockMovementData("p1", 10, "delivery"), product("p1", 0, false), false);
        assertEquals(Map.of("p1", 10L), assertInstanceOf(StockPolicy.Apply.class, in).stockChanges());
        var out = StockPolicy.movement(new StockMovementData("p1", -6, "shrinkage"), product("p1", 5, false), false);
        assertEquals(ConflictType.INSUFFICIENT_STOCK, assertInstanceOf(StockPolicy.Refuse.class, out).type());
        var deleted = StockPolicy.movement(new StockMovementData("p1", 1, null), product("p1", 5, true), false);
        assertEquals(ConflictType.DELETED_ON_SERVER, assertInstanceOf(StockPolicy.Refuse.class, deleted).type());
        var missing = StockPolicy.movement(new StockMovementData("p9", 1, null), null, false);
        assertEquals(ConflictType.REFERENCE_MISSING, assertInstanceOf(StockPolicy.Refuse.class, missing).type());
    }
}
