package io.syncengine.application;

import io.syncengine.domain.model.EntityType;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a terminal's pull stands, as the opaque {@code cursor} it sends back. Two phases:
 * <ul>
 *   <li>{@code SNAPSHOT}: paging through the live records in (entity, id) order; {@code horizon} is the position
 *       the snapshot started at, from which the delta phase goes on once the last page is read;</li>
 *   <li>{@code DELTA}: changes at positions from {@code position} on, in (position, entity, id) order.</li>
 * </ul>
 * A position is a PostgreSQL transaction id (every write stamps its row with it). A page only ever holds changes
 * below the oldest transaction still running when it is read, so a transaction that commits after a newer one is
 * not skipped: its position is above what was read, and the next pull brings it.
 *
 * @param entities the selection the cursor was issued for (a pull with another selection must start afresh)
 * @param issuedAt when the cursor was issued: one older than the tombstone retention is refused
 */
public record PullCursor(Phase phase, long horizon, long position, String entity, String id,
        Set<EntityType> entities, Instant issuedAt) {

    /** Which pass of the pull a cursor continues. */
    public enum Phase { SNAPSHOT, DELTA }

    private static final String VERSION = "v1";

    /** A fresh snapshot of {@code entities} starting at {@code horizon}. */
    public static PullCursor snapshot(long horizon, Set<EntityType> entities, Instant now) {
        return new PullCursor(Phase.SNAPSHOT, horizon, horizon, "", "", entities, now);
    }

    /** Continues a snapshot after the record (entity, id). */
    public PullCursor afterRecord(String lastEntity, String lastId, Instant now) {
        return new PullCursor(phase, horizon, position, lastEntity, lastId, entities, now);
    }

    /** Continues the delta after the change at (position, entity, id). */
    public PullCursor afterChange(long lastPosition, String lastEntity, String lastId, Instant now) {
        return new PullCursor(Phase.DELTA, horizon, lastPosition, lastEntity, lastId, entities, now);
    }

    /** The same place, issued again now: a page that brought nothing. */
    public PullCursor reissued(Instant now) {
        return new PullCursor(phase, horizon, position, entity, id, entities, now);
    }

    /** Everything below {@code reached} has been read: the delta goes on from there. */
    public PullCursor deltaFrom(long reached, Instant now) {
        return new PullCursor(Phase.DELTA, reached, reached, "", "", entities, now);
    }

    public String encode() {
        String selection = entities.stream().map(EntityType::wireName).sorted().collect(Collectors.joining(","));
        return CursorText.encode(VERSION, phase.name(), Long.toString(horizon), Long.toString(position), entity, id,
                selection, Long.toString(issuedAt.getEpochSecond()));
    }

    /** @throws InvalidCursorException when the text is not a cursor this server issued */
    public static PullCursor decode(String cursor) {
        try {
            String[] parts = CursorText.decode(cursor, 8);
            if (!parts[0].equals(VERSION)) {
                throw new InvalidCursorException();
            }
            Set<EntityType> entities = EnumSet.noneOf(EntityType.class);
            for (String name : parts[6].split(",")) {
                entities.add(EntityType.fromWire(name).orElseThrow(InvalidCursorException::new));
            }
            return new PullCursor(Phase.valueOf(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                    parts[4], parts[5], entities, Instant.ofEpochSecond(Long.parseLong(parts[7])));
        } catch (RuntimeException e) {
            throw new InvalidCursorException();
        }
    }

    @Override
    public String toString() {
        return phase + "@" + position + Arrays.toString(entities.toArray());
    }
}
