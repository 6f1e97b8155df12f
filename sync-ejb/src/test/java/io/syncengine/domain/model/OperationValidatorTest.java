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
        JsonObject odd = Json.createObjectBuilder().add("opId", "o1").add("seq", "7").add("entity", "sale")
                .add("entityId", "").add("type", "UPSERT").add("extra", 1).build();
        assertEquals(List.of("/extra", "/seq", "/entity", "/entityId", "/type"), pointers(odd));
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
