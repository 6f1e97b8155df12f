package io.syncengine.application;

import io.syncengine.SyncNames;
import io.syncengine.domain.model.EntityType;
import io.syncengine.domain.model.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pulls ({@code GET /sync/changes}): a full snapshot of live records when there is no cursor, then the changes
 * since, with tombstones, never skipping a change (see {@link ChangeFeed} and {@link PullCursor}). A cursor older
 * than the tombstone retention is refused, because a delete it should bring may have been purged.
 */
@ApplicationScoped
public class ChangePulls {

    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 5000;

    @Inject
    private ChangeFeed feed;

    @Inject
    private SyncMetrics metrics;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_TOMBSTONE_RETENTION, defaultValue = "30")
    private int retentionDays;

    /**
     * Checks the request and decides where the pull starts; nothing is read yet, so any failure here is answered
     * before the response streams.
     *
     * @param since    the cursor of the previous page, or null for a full snapshot
     * @param entities the selection, or empty for every pulled entity
     */
    public PullCursor start(String since, Set<EntityType> entities) {
        Set<EntityType> selection = entities.isEmpty() ? ChangeFeed.pullable() : entities;
        for (EntityType type : selection) {
            if (!ChangeFeed.pullable().contains(type)) {
                throw new InvalidRequestException(List.of(new FieldError("/entities", type.wireName()
                        + " is not pulled (pulled: category, customer, product; sales and stock movements reach "
                        + "terminals as product stock)")));
            }
        }
        Instant now = Instant.now();
        if (since == null) {
            return PullCursor.snapshot(feed.horizon(), selection, now);
        }
        PullCursor cursor = PullCursor.decode(since);
        if (!cursor.entities().equals(selection)) {
            throw new InvalidRequestException(List.of(new FieldError("/entities", "the cursor was issued for "
                    + "another selection of entities; pull a snapshot (no since) for this one")));
        }
        if (cursor.issuedAt().isBefore(now.minus(Duration.ofDays(retentionDays)))) {
            throw new ResyncRequiredException(retentionDays);
        }
        return cursor;
    }

    /** Streams one page to {@code sink} and returns how to continue. */
    public ChangeFeed.Page page(Caller caller, PullCursor cursor, int limit, Consumer<Change> sink) {
        long[] served = new long[1];
        ChangeFeed.Page page = feed.read(caller.tenant(), cursor, limit, change -> {
            served[0]++;
            sink.accept(change);
        });
        metrics.pulled(caller.tenant(), served[0]);
        return page;
    }
}
