package io.syncengine.domain.model;

import static io.syncengine.domain.model.DeliveryPriority.FACT;
import static io.syncengine.domain.model.DeliveryPriority.ORDINARY;
import static io.syncengine.domain.model.EntityType.PRODUCT;
import static io.syncengine.domain.model.EntityType.SALE;
import static io.syncengine.domain.model.EntityType.STOCK_MOVEMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryPriorityTest {

    @Test
    void factsGoFirstUntilTheDevicesFirstMasterDataEdit() {
        assertEquals(List.of(FACT, FACT, ORDINARY, ORDINARY, ORDINARY),
                DeliveryPriority.of(List.of(SALE, STOCK_MOVEMENT, PRODUCT, SALE, SALE), false));
    }

    @Test
    void anEditWaitingFromAnEarlierBatchKeepsEverythingOrdinary() {
        assertEquals(List.of(ORDINARY, ORDINARY), DeliveryPriority.of(List.of(SALE, SALE), true));
    }

    @Test
    void priorityNeverRisesAlongADevicesSequence() {
        List<Integer> priorities = DeliveryPriority.of(List.of(PRODUCT, SALE, PRODUCT, SALE), false);
        for (int i = 1; i < priorities.size(); i++) {
            assertEquals(true, priorities.get(i) <= priorities.get(i - 1));
        }
    }
}
