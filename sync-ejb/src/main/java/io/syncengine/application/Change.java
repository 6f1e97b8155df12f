package io.syncengine.application;

import io.syncengine.domain.model.EntityType;
import io.syncengine.domain.model.JsonOut;

/**
 * One record as a pull hands it out: its latest state, or a tombstone ({@code deleted}, no data). A view of the row
 * the feed is reading, valid only while the sink handles it: its values are written as JSON straight from the
 * database's bytes, with no string made of them (a million-record snapshot is a million of these).
 */
public interface Change {

    EntityType entity();

    long version();

    boolean deleted();

    /** Writes the record's id as a JSON string. */
    void writeId(JsonOut out);

    /** Writes the record's data as a JSON object in its wire shape (amounts as strings), or null for a tombstone. */
    void writeData(JsonOut out);

    /** Writes when the record last changed, as an RFC 3339 UTC string. */
    void writeChangedAt(JsonOut out);
}
