package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Sales and stock movements: stock by delta, never a version conflict between tills, and the domain's refusals. */
class SalesIT extends SyncTestBase {

    private static final String BACK_OFFICE = "back-office";

    /** Creates a product through the real write path and returns its id. */
    private String product(Api api, String sku, String price, long stock) {
        String id = Ops.id();
        JsonObject status = api.pushAndSettle(device(BACK_OFFICE), Ops.batch(BACK_OFFICE, List.of(
                Ops.create(seq++, "product", id, Ops.product(sku, "Product " + sku, price, stock)))));
        assertEquals(1, status.getJsonObject("counts").getInt("APPLIED"), status.toString());
        return id;
    }

    private long seq = 1;

    private long stock(String productId) {
        return Sql.count("SELECT stock FROM product WHERE tenant = ? AND id = ?", tenant, productId);
    }

    private long version(String productId) {
        return Sql.count("SELECT version FROM product WHERE tenant = ? AND id = ?", tenant, productId);
    }

    private static JsonObject onlyOp(JsonObject status) {
        return status.getJsonArray("operations").getJsonObject(0);
    }

    @Test
    void fiftyTillsSellingOneProductAtOnceAllApplyAndStockIsExact() throws Exception {
        Api api = api();
        String milk = product(api, "MILK-50", "0.99", 1000);
        ExecutorService tills = Executors.newFixedThreadPool(10);
        List<Future<JsonObject>> outcomes = new ArrayList<>();
        long sold = 0;
        for (int i = 1; i <= 50; i++) {
            String till = "till-" + i;
            int quantity = 1 + i % 3;
            sold += quantity;
            outcomes.add(tills.submit(() -> api.pushAndSettle(device(till), Ops.batch(till, List.of(
                    Ops.sale(1, Ops.id(), Ops.line(milk, quantity, "0.99")))))));
        }
        for (Future<JsonObject> outcome : outcomes) {
            JsonObject status = outcome.get();
            assertEquals("APPLIED", onlyOp(status).getString("status"), status.toString());
        }
        tills.shutdown();
        assertEquals(1000 - sold, stock(milk));
        assertEquals(1, version(milk), "a stock delta does not raise the version");
        assertEquals(50, Sql.count("SELECT count(*) FROM sale WHERE tenant = ?", tenant));
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_conflict WHERE tenant = ?", tenant));
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ? AND deliveries > 1", tenant),
                "no sale waited for a redelivery");
    }

    @Test
    void anOversellIsOneInsufficientStockConflictShowingEachLineAndNothingChanges() {
        Api api = api();
        String bread = product(api, "BREAD", "1.50", 10);
        String butter = product(api, "BUTTER", "2.20", 5);
        String saleId = Ops.id();
        JsonObject status = api.pushAndSettle(device("till-o"), Ops.batch("till-o", List.of(
                Ops.sale(1, saleId, Ops.line(bread, 2, "1.50"), Ops.line(butter, 6, "2.20")))));
        JsonObject op = onlyOp(status);
        assertEquals("CONFLICT", op.getString("status"), status.toString());

        JsonObject conflict = api.get("/api/v1/conflicts/" + op.getString("conflictId"), person("operator")).json();
        assertEquals("INSUFFICIENT_STOCK", conflict.getString("type"));
        JsonArray lines = conflict.getJsonArray("details");
        assertEquals(2, lines.size(), conflict.toString());
        assertEquals(bread, lines.getJsonObject(0).getString("productId"));
        assertEquals(2, lines.getJsonObject(0).getInt("requested"));
        assertEquals(10, lines.getJsonObject(0).getInt("available"));
        assertEquals(6, lines.getJsonObject(1).getInt("requested"));
        assertEquals(5, lines.getJsonObject(1).getInt("available"));
        assertTrue(lines.getJsonObject(1).getBoolean("insufficient"));
        assertEquals(2, conflict.getJsonObject("serverNow").getJsonArray("products").size());

        assertEquals(10, stock(bread));
        assertEquals(5, stock(butter));
        assertEquals(0, Sql.count("SELECT count(*) FROM sale WHERE tenant = ?", tenant));
        assertEquals(1, Sql.count("SELECT count(*) FROM sync_conflict WHERE tenant = ?", tenant));
    }

    @Test
    void aSaleAtAnotherPriceAppliesAtTheTillsPriceAndTheDifferenceIsRecorded() {
        Api api = api();
        String apple = product(api, "APPLE", "2.49", 20);
        String saleId = Ops.id();
        JsonObject status = api.pushAndSettle(device("till-p"), Ops.batch("till-p", List.of(
                Ops.sale(1, saleId, Ops.line(apple, 3, "1.99")))));
        JsonObject op = onlyOp(status);
        assertEquals("APPLIED", op.getString("status"), status.toString());
        JsonObject note = op.getJsonArray("notes").getJsonObject(0);
        assertEquals("PRICE_DIFFERS", note.getString("type"));
        assertEquals("1.99", note.getString("unitPrice"));
        assertEquals("2.49", note.getString("serverPrice"));
        assertEquals(0, new BigDecimal("1.99").compareTo((BigDecimal) Sql.value(
                "SELECT unit_price FROM sale_line WHERE tenant = ? AND sale_id = ?", tenant, saleId)));
        assertEquals(0, new BigDecimal("2.49").compareTo((BigDecimal) Sql.value(
                "SELECT server_price FROM sale_line WHERE tenant = ? AND sale_id = ?", tenant, saleId)));
        assertEquals(17, stock(apple));
        assertEquals(0, new BigDecimal("2.49").compareTo((BigDecimal) Sql.value(
                "SELECT price FROM product WHERE tenant = ? AND id = ?", tenant, apple)), "the price is untouched");
    }

    @Test
    void aSaleOfAProductDeletedOnTheServerAppliesAndArchivesIt() {
        Api api = api();
        String old = product(api, "OLD", "3.00", 4);
        api.pushAndSettle(device(BACK_OFFICE), Ops.batch(BACK_OFFICE, List.of(Ops.delete(seq++, "product", old, 1))));
        JsonObject status = api.pushAndSettle(device("till-d"), Ops.batch("till-d", List.of(
                Ops.sale(1, Ops.id(), Ops.line(old, 1, "3.00")))));
        JsonObject op = onlyOp(status);
        assertEquals("APPLIED", op.getString("status"), status.toString());
        assertEquals("PRODUCT_ARCHIVED", op.getJsonArray("notes").getJsonObject(0).getString("type"));
        assertEquals(1, Sql.count("SELECT count(*) FROM product WHERE tenant = ? AND id = ? AND deleted "
                + "AND archived_at IS NOT NULL", tenant, old), "still deleted, now archived");
        assertEquals(1, Sql.count("SELECT count(*) FROM sale_line WHERE tenant = ? AND product_id = ? "
                + "AND product_deleted", tenant, old));
        assertEquals(2, version(old), "archiving is not an edit");
    }

    @Test
    void referencesThatNeverExistedAreConflicts() {
        Api api = api();
        String tea = product(api, "TEA", "4.00", 10);
        JsonObject customerless = Ops.create(3, "sale", Ops.id(), jakarta.json.Json.createObjectBuilder()
                .add("receiptNo", "R-3").add("soldAt", "2026-11-21T10:00:00Z").add("customerId", "nobody")
                .add("lines", jakarta.json.Json.createArrayBuilder().add(Ops.line(tea, 1, "4.00")))
                .add("total", "4.00").build());
        JsonObject status = api.pushAndSettle(device("till-r"), Ops.batch("till-r", List.of(
                Ops.sale(1, Ops.id(), Ops.line("no-such-product", 1, "1.00")),
                Ops.movement(2, Ops.id(), "no-such-product", 5),
                customerless)));
        for (JsonObject op : status.getJsonArray("operations").getValuesAs(JsonObject.class)) {
            assertEquals("CONFLICT", op.getString("status"), status.toString());
            JsonObject conflict = api.get("/api/v1/conflicts/" + op.getString("conflictId"), person("auditor"))
                    .json();
            assertEquals("REFERENCE_MISSING", conflict.getString("type"), conflict.toString());
        }
        assertEquals(10, stock(tea));
    }

    @Test
    void aReusedIdWithOtherContentGetsANewIdAndTheSameContentIsANoOp() {
        Api api = api();
        String salt = product(api, "SALT", "0.50", 100);
        String saleId = Ops.id();
        String movementId = Ops.id();
        JsonObject first = api.pushAndSettle(device("till-i"), Ops.batch("till-i", List.of(
                Ops.sale(1, saleId, Ops.line(salt, 2, "0.50")),
                Ops.movement(2, movementId, salt, 10))));
        assertEquals(2, first.getJsonObject("counts").getInt("APPLIED"), first.toString());

        // Another till sends the same ids: identical content is the same fact; other content is a new fact.
        JsonObject second = api.pushAndSettle(device("till-j"), Ops.batch("till-j", List.of(
                Ops.sale(1, saleId, Ops.line(salt, 2, "0.50")),
                Ops.sale(2, saleId, Ops.line(salt, 5, "0.50")),
                Ops.movement(3, movementId, salt, 10),
                Ops.movement(4, movementId, salt, -1))));
        List<JsonObject> ops = second.getJsonArray("operations").getValuesAs(JsonObject.class);
        ops.forEach(op -> assertEquals("APPLIED", op.getString("status"), second.toString()));
        assertNull(ops.get(0).get("assignedId"), "same content: no new sale");
        assertNotNull(ops.get(1).get("assignedId"));
        assertNotEquals(saleId, ops.get(1).getString("assignedId"));
        assertNull(ops.get(2).get("assignedId"));
        assertNotNull(ops.get(3).get("assignedId"));
        assertEquals(2, Sql.count("SELECT count(*) FROM sale WHERE tenant = ?", tenant));
        assertEquals(1, Sql.count("SELECT count(*) FROM sale WHERE tenant = ? AND sent_id = ? AND id = ?", tenant,
                saleId, ops.get(1).getString("assignedId")));
        assertEquals(100 - 2 + 10 - 5 - 1, stock(salt));
    }

    @Test
    void stockMovementsChangeStockByDeltaWithoutRaisingTheVersion() {
        Api api = api();
        String rice = product(api, "RICE", "1.10", 0);
        JsonObject status = api.pushAndSettle(device("scanner-1"), Ops.batch("scanner-1", List.of(
                Ops.movement(1, Ops.id(), rice, 12),
                Ops.movement(2, Ops.id(), rice, -5),
                Ops.movement(3, Ops.id(), rice, -8))));
        List<String> statuses = status.getJsonArray("operations").getValuesAs(JsonObject.class).stream()
                .map(op -> op.getString("status")).toList();
        assertEquals(List.of("APPLIED", "APPLIED", "CONFLICT"), statuses, status.toString());
        assertEquals(7, stock(rice));
        assertEquals(1, version(rice));
    }
}
