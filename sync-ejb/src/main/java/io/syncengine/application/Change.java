package io.syncengine.application;

import java.time.OffsetDateTime;

/**
 * One record as a pull hands it out: its latest state, or a tombstone ({@code deleted}, no data).
 *
 * @param dataJson the record's data as JSON text in its wire shape, as the database built it (null for a
 *                 tombstone): written to the response as it is, not parsed and written again
 * @param position the position of the transaction that last wrote it (the pull's order; not on the wire)
 */
public record Change(String entity, String entityId, long version, boolean deleted, String dataJson,
        OffsetDateTime changedAt, long position) {
}
