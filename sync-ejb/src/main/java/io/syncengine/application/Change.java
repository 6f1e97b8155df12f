package io.syncengine.application;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * One record as a pull hands it out: its latest state, or a tombstone ({@code deleted}, no data).
 *
 * @param position the position of the transaction that last wrote it (the pull's order; not on the wire)
 */
public record Change(String entity, String entityId, long version, boolean deleted, JsonObject data,
        OffsetDateTime changedAt, long position) {
}
