package io.syncengine.domain.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Which queued operations the broker hands out first: facts (sales, stock movements) before master-data edits
 * when both wait, so that a backlog of price edits does not hold up the tills' sales. A device's own order must
 * survive this, and the broker only keeps order among messages of equal priority; so within a device the priority
 * never rises along {@code seq}: once a master-data operation of the device waits, everything after it goes at the
 * ordinary priority.
 */
public final class DeliveryPriority {

    /** JMS priority of a fact with no master-data operation of its device waiting ahead of it. */
    public static final int FACT = 7;

    /** The ordinary JMS priority (the JMS default): master data, resolutions, re-drives. */
    public static final int ORDINARY = 4;

    private DeliveryPriority() {
    }

    /**
     * @param entities                 the device's new operations' entities, in {@code seq} order
     * @param masterDataAlreadyWaiting a master-data operation of the device is still pending from an earlier batch
     * @return the priority of each, in the same order
     */
    public static List<Integer> of(List<EntityType> entities, boolean masterDataAlreadyWaiting) {
        List<Integer> priorities = new ArrayList<>(entities.size());
        boolean ordinaryFromHere = masterDataAlreadyWaiting;
        for (EntityType entity : entities) {
            ordinaryFromHere |= !entity.isFact();
            priorities.add(ordinaryFromHere ? ORDINARY : FACT);
        }
        return priorities;
    }
}
