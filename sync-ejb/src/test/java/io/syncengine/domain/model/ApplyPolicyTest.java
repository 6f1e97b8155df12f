package io.syncengine.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ApplyPolicyTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-21T10:00:00Z");

    private static JsonObject name(String name) {
        return Json.createObjectBuilder().add("name", name).build();
    }

    /** A category as the apply path finds it; its version stays at its initial value here (JPA raises it on flush). */
    private static SyncRecord category(String name, boolean deleted) {
        SyncRecord record = EntityType.CATEGORY.newRecord("t1", "c1");
        record.apply(name(name), NOW);
        if (deleted) {
            record.delete(NOW);
        }
        return record;
    }

    private static ConflictType conflict(ApplyDecision decision) {
        return assertInstanceOf(ApplyDecision.Conflict.class, decision).type();
    }

    @Test
    void createOfANewIdCreates() {
        assertInstanceOf(ApplyDecision.Create.class,
                ApplyPolicy.decide(OperationType.CREATE, null, name("Fruit"), null));
    }

    @Test
    void createRepeatingTheSameContentChangesNothing() {
        assertInstanceOf(ApplyDecision.NoChange.class,
                ApplyPolicy.decide(OperationType.CREATE, null, name("Fruit"), category("Fruit", false)));
    }

    @Test
    void createOfAnExistingIdWithOtherContentCollides() {
        assertEquals(ConflictType.ID_COLLISION,
                conflict(ApplyPolicy.decide(OperationType.CREATE, null, name("Veg"), category("Fruit", false))));
        assertEquals(ConflictType.ID_COLLISION,
                conflict(ApplyPolicy.decide(OperationType.CREATE, null, name("Fruit"), category("Fruit", true))));
    }

    @Test
    void updateNeedsALiveRecordAtTheBaseVersion() {
        SyncRecord live = category("Fruit", false);
        long current = live.getVersion();
        assertInstanceOf(ApplyDecision.Update.class,
                ApplyPolicy.decide(OperationType.UPDATE, current, name("Veg"), live));
        assertEquals(ConflictType.VERSION_MISMATCH,
                conflict(ApplyPolicy.decide(OperationType.UPDATE, current + 1, name("Veg"), live)));
        assertEquals(ConflictType.NOT_FOUND,
                conflict(ApplyPolicy.decide(OperationType.UPDATE, 1L, name("Veg"), null)));
        assertEquals(ConflictType.DELETED_ON_SERVER,
                conflict(ApplyPolicy.decide(OperationType.UPDATE, current, name("Veg"), category("Fruit", true))));
    }

    @Test
    void deleteOfWhatIsGoneIsANoOpAndOtherwiseNeedsTheBaseVersion() {
        assertInstanceOf(ApplyDecision.NoChange.class, ApplyPolicy.decide(OperationType.DELETE, 1L, null, null));
        assertInstanceOf(ApplyDecision.NoChange.class,
                ApplyPolicy.decide(OperationType.DELETE, 1L, null, category("Fruit", true)));
        SyncRecord live = category("Fruit", false);
        assertInstanceOf(ApplyDecision.Delete.class,
                ApplyPolicy.decide(OperationType.DELETE, live.getVersion(), null, live));
        assertEquals(ConflictType.VERSION_MISMATCH,
                conflict(ApplyPolicy.decide(OperationType.DELETE, live.getVersion() + 3, null, live)));
    }

    @Test
    void moneyComparesByValueNotScale() {
        SyncRecord product = EntityType.PRODUCT.newRecord("t1", "p1");
        JsonObject data = Json.createObjectBuilder().add("sku", "A").add("name", "Apple").add("price", "1.5")
                .add("stock", 3).build();
        product.apply(data, NOW);
        JsonObject sameValue = Json.createObjectBuilder().add("sku", "A").add("name", "Apple").add("price", 1.50)
                .add("stock", 3).build();
        assertInstanceOf(ApplyDecision.NoChange.class,
                ApplyPolicy.decide(OperationType.CREATE, null, sameValue, product));
    }
}
