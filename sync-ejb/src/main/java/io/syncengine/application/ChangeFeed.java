package io.syncengine.application;

import io.syncengine.domain.model.EntityType;
import java.util.Set;
import java.util.function.Consumer;

/** Port: reads the synchronised records of a tenant in pull order, from one consistent view of the database. */
public interface ChangeFeed {

    /** The position below which every transaction has finished (the pull's horizon now). */
    long horizon();

    /**
     * Reads one page after {@code cursor}, handing each change to {@code sink} as it is read (nothing is held
     * whole in memory), and returns the cursor that continues after it.
     *
     * @param limit the most changes the page holds
     */
    Page read(String tenant, PullCursor cursor, int limit, Consumer<Change> sink);

    /** What a page came to: the cursor to continue with and whether more is ready right now. */
    record Page(PullCursor next, boolean hasMore) {
    }

    /** Removes tombstones older than {@code days}; returns how many (at most {@code limit}). */
    int purgeTombstones(int days, int limit);

    /** The tables of a pull, in the order a page lists entities. */
    static Set<EntityType> pullable() {
        return Set.of(EntityType.CATEGORY, EntityType.CUSTOMER, EntityType.PRODUCT);
    }
}
