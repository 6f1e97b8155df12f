package io.syncengine.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationValidatorTest {

    private static JsonObjectBuilder op(String type) {
        return Json.createObjectBuilder().add("opId", "o1").add("seq", 7).add("entity", "product")
                .add("entityId", "p1").add("type", type);
    }

    private static List<String> pointers(JsonObject op) {
        return OperationValidator.read(op).errors().stream().map(FieldError::pointer).toList();
    }

    @Test
    void aCompleteCreateIsValid() {
        OperationInput input = OperationValidator.read(op("CREATE").add("data", Json.createObjectBuilder()
                .add("sku", "S1").add("name", "Soap").add("price", "2.49").add("stock", 10)).build());
        assertTrue(input.isValid(), input.errors().toString());
        assertEquals(EntityType.PRODUCT, input.entityType());
        assertEquals(OperationType.CREATE, input.type());
    }

    @Test
    void aCreateNamesEveryMissingAndInvalidField() {
        JsonObject create = op("CREATE").add("data", Json.createObjectBuilder().add("price", "2.499")
                .add("stock", -1).add("colour", "red")).build();
        assertEquals(List.of("/data/colour", "/data/sku", "/data/name", "/data/price", "/data/stock"),
                pointers(create));
    }

    @Test
    void updateAndDeleteNeedABaseVersion() {
        assertEquals(List.of("/baseVersion"), pointers(op("UPDATE").add("data",
                Json.createObjectBuilder().add("name", "n")).build()));
        assertEquals(List.of("/baseVersion"), pointers(op("DELETE").build()));
        assertEquals(List.of("/baseVersion"), pointers(op("DELETE").add("baseVersion", 0).build()));
    }

    @Test
    void anUpdateMayCarryOnlyTheChangedFieldsButNotClearARequiredOne() {
        assertTrue(OperationValidator.read(op("UPDATE").add("baseVersion", 2)
                .add("data", Json.createObjectBuilder().add("price", 3)).build()).isValid());
        assertEquals(List.of("/data/name"), pointers(op("UPDATE").add("baseVersion", 2)
                .add("data", Json.createObjectBuilder().addNull("name")).build()));
        assertEquals(List.of("/data"), pointers(op("UPDATE").add("baseVersion", 2)
                .add("data", Json.createObjectBuilder()).build()));
    }

    @Test
    void unknownEntitiesTypesAndFieldsAreReported() {
        JsonObject odd = Json.createObjectBuilder().add("opId", "o1").add("seq", "7").add("entity", "invoice")
                .add("entityId", "").add("type", "UPSERT").add("extra", 1).build();
        assertEquals(List.of("/extra", "/seq", "/entity", "/entityId", "/type"), pointers(odd));
    }

    private static JsonObjectBuilder sale(String type) {
        return Json.createObjectBuilder().add("opId", "o2").add("seq", 8).add("entity", "sale")
                .add("entityId", "s1").add("type", type);
    }

    @Test
    void aCompleteSaleIsValid() {
        OperationInput input = OperationValidator.read(sale("CREATE").add("data", Json.createObjectBuilder()
                .add("receiptNo", "R-1").add("soldAt", "2026-11-21T10:00:00Z").add("total", "4.98")
                .add("lines", Json.createArrayBuilder().add(Json.createObjectBuilder().add("productId", "p1")
                        .add("quantity", 2).add("unitPrice", "2.49")))).build());
        assertTrue(input.isValid(), input.errors().toString());
        assertEquals(EntityType.SALE, input.entityType());
    }

    @Test
    void everyBadSaleLineFieldHasItsOwnPointer() {
        JsonObject bad = sale("CREATE").add("data", Json.createObjectBuilder()
                .add("receiptNo", "R-1").add("soldAt", "at noon").add("total", "4.98")
                .add("lines", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("productId", "p1").add("quantity", 0)
                                .add("unitPrice", "2.49"))
                        .add(Json.createObjectBuilder().add("quantity", 1.5).add("unitPrice", "-1")
                                .add("note", "x"))
                        .add("p3"))).build();
        assertEquals(List.of("/data/soldAt", "/data/lines/0/quantity", "/data/lines/1/note",
                "/data/lines/1/productId", "/data/lines/1/unitPrice", "/data/lines/1/quantity", "/data/lines/2"),
                pointers(bad));
        assertEquals(List.of("/data/lines"), pointers(sale("CREATE").add("data", Json.createObjectBuilder()
                .add("receiptNo", "R-1").add("soldAt", "2026-11-21T10:00:00Z").add("total", "0")
                .add("lines", Json.createArrayBuilder())).build()));
    }

    @Test
    void factsAreCreateOnly() {
        assertEquals(List.of("/type"), pointers(sale("DELETE").add("baseVersion", 1).build()));
        JsonObject movement = Json.createObjectBuilder().add("opId", "o3").add("seq", 9)
                .add("entity", "stock-movement").add("entityId", "m1").add("type", "CREATE")
                .add("data", Json.createObjectBuilder().add("productId", "p1").add("delta", 0)).build();
        assertEquals(List.of("/data/delta"), pointers(movement));
    }

    @Test
    void aNulCharacterAnywhereIsReportedWhereItIs() {
        JsonObject op = op("CREATE").add("data", Json.createObjectBuilder().add("sku", "S\u00001").add("name", "n")
                .add("price", "1.00").add("stock", 1)).build();
        assertEquals(List.of("/data/sku"), pointers(op));
    }

    @Test
    void clientTimeMustBeRfc3339() {
        assertEquals(List.of("/clientTime"), pointers(op("DELETE").add("baseVersion", 1)
                .add("clientTime", "yesterday").build()));
    }

    @Test
    void aPointerEscapesSlashAndTilde() {
        assertEquals("/a~1b~0c", "/" + OperationValidator.escape("a/b~c"));
    }
}
