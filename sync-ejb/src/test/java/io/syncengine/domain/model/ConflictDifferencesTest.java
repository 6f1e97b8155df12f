package io.syncengine.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class ConflictDifferencesTest {

    private static JsonObject record(long version, String name, String price) {
        return Json.createObjectBuilder().add("id", "p1").add("version", version).add("deleted", false)
                .add("data", Json.createObjectBuilder().add("sku", "S1").add("name", name).add("price", price)
                        .add("stock", 5).addNull("categoryId"))
                .build();
    }

    @Test
    void listsOnlyFieldsThatDifferSomewhereComparingAmountsByValue() {
        JsonObject local = Json.createObjectBuilder().add("price", "2.5").add("name", "Apple").build();
        JsonArray differences = ConflictDifferences.of(EntityType.PRODUCT, local,
                record(2, "Apple", "2.49"), record(3, "Green apple", "2.50"));
        assertEquals(2, differences.size(), differences.toString());
        JsonObject name = differences.getJsonObject(0);
        assertEquals("name", name.getString("field"));
        assertEquals(true, name.getBoolean("localDiffersFromNow"));
        assertEquals(true, name.getBoolean("changedSinceDetection"));
        JsonObject price = differences.getJsonObject(1);
        assertEquals("price", price.getString("field"));
        assertEquals("2.49", price.getString("atDetection"));
        assertEquals(false, price.getBoolean("localDiffersFromNow"), "2.5 equals 2.50");
    }

    @Test
    void aMissingServerRecordShowsNulls() {
        JsonObject local = Json.createObjectBuilder().add("name", "Apple").build();
        JsonArray differences = ConflictDifferences.of(EntityType.CATEGORY, local, null, null);
        assertEquals(1, differences.size());
        assertEquals(true, differences.getJsonObject(0).isNull("now"));
    }
}
