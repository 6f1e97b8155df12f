package io.syncengine.infrastructure;

import io.syncengine.SyncNames;
import io.syncengine.application.Change;
import io.syncengine.application.ChangeFeed;
import io.syncengine.application.PullCursor;
import io.syncengine.domain.model.EntityType;
import io.syncengine.domain.model.FieldKind;
import io.syncengine.domain.model.FieldSpec;
import io.syncengine.domain.model.JsonOut;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The change feed on PostgreSQL. Every write of a category, product or customer row stamps it with the id of its
 * transaction ({@code change_xid}, set by a trigger: JPA writes and stock deltas alike). A delta page is one
 * statement that reads only changes below its own snapshot's horizon, {@code pg_snapshot_xmin(pg_current_snapshot())}:
 * every transaction below it has finished, so every change below it is visible in that snapshot and nothing can
 * still appear there later. Reading only below the horizon is what makes the feed never skip a change that commits
 * after a newer one; the price is that a long-running transaction holds the horizon back (pulls lag; they never
 * lose). The horizon is taken inside the page's statement, which sees one snapshot from start to end, so a page
 * needs no transaction of its own: one round trip to the database, no BEGIN and no COMMIT.
 *
 * <p>A page is read with {@code COPY (query) TO STDOUT} and each row handed to the caller as it arrives, so a page's
 * memory does not grow with its length. COPY rather than a cursor: the server streams the rows without waiting for
 * the application to ask for the next batch, so PostgreSQL produces rows while the application writes the previous
 * ones as JSON (with a fetch size the two took turns, and a snapshot took as long as both together). COPY takes no
 * bind parameters: the few values a page's query holds are written into it as literals, strings escaped by the
 * driver for the connection's quoting rules. A snapshot reads one entity after the other, each in its primary
 * key's order; a delta walks each entity's {@code (tenant, change_xid, id)} index, and PostgreSQL merges them when
 * several are selected.
 */
@ApplicationScoped
public class JdbcChangeFeed implements ChangeFeed {

    private static final Logger LOG = Logger.getLogger(JdbcChangeFeed.class.getName());
    /** The most data fields an entity has (product: sku, name, price, stock, categoryId). */
    private static final int MAX_FIELDS = 5;
    /** The column of {@code f1} in a branch's select list: entity, id, version, deleted, updated_at and change_xid
     * come first. */
    private static final int FIRST_FIELD_COLUMN = 7;
    private static final int COLUMNS = FIRST_FIELD_COLUMN - 1 + MAX_FIELDS;

    @Resource(lookup = SyncNames.LOCAL_DATASOURCE)
    private DataSource dataSource;

    @Override
    public long horizon() {
        try (Connection c = dataSource.getConnection()) {
            return Snapshots.horizon(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the pull horizon", e);
        }
    }

    @Override
    public Page read(String tenant, PullCursor cursor, int limit, Consumer<Change> sink) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true); // each COPY its own transaction; the pool hands connections out this way
            }
            return cursor.phase() == PullCursor.Phase.SNAPSHOT
                    ? snapshot(c, tenant, cursor, limit, sink)
                    : delta(c, tenant, cursor, limit, sink);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read changes", e);
        }
    }

    /**
     * Live records in (entity, id) order after the cursor's record: each entity's in turn, read in its primary key's
     * order, so PostgreSQL sends the first row as soon as it has found it (a query that merged the entities would
     * sort the whole page before sending any). Each entity's read sees the records as they are when it runs; a
     * record changed since the snapshot began is also brought by the delta that follows it (its change is above the
     * snapshot's horizon), so pages read at different moments never lose one.
     */
    private Page snapshot(Connection c, String tenant, PullCursor cursor, int limit, Consumer<Change> sink)
            throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        int left = limit;
        Last last = Last.NONE;
        Instant now = Instant.now();
        for (EntityType type : ordered(cursor)) {
            int order = type.wireName().compareTo(cursor.entity());
            if (order < 0) {
                continue;
            }
            List<Object> params = new ArrayList<>();
            params.add(tenant);
            String after = "";
            if (order == 0) {
                after = " AND id > ?";
                params.add(cursor.id());
            }
            params.add(left + 1);
            Last read = copy(pg, select(type) + " WHERE tenant = ? AND NOT deleted" + after + " ORDER BY id LIMIT ?",
                    params, List.of(type), left, sink);
            if (read.count() > 0) {
                last = read;
            }
            left -= read.count();
            if (read.more()) {
                return new Page(cursor.afterRecord(last.entity(), last.id(), now), true);
            }
        }
        // The snapshot is complete; the delta goes on from where it started, and may already have more.
        return new Page(cursor.deltaFrom(cursor.horizon(), now), true);
    }

    /**
     * Changes in (position, entity, id) order after the cursor's change and below the statement's horizon: one
     * entity's straight from its {@code (tenant, change_xid, id)} index; several merged by PostgreSQL. The next
     * cursor continues after the last change read: nothing is missing between it and the horizon (every change there
     * was read), and nothing can appear there later. After an empty page the cursor stays where it was.
     */
    private Page delta(Connection c, String tenant, PullCursor cursor, int limit, Consumer<Change> sink)
            throws SQLException {
        List<String> branches = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (EntityType type : ordered(cursor)) {
            int order = type.wireName().compareTo(cursor.entity());
            params.add(tenant);
            params.add(Long.toString(cursor.position()));
            String after;
            if (order > 0) {
                after = " AND change_xid >= ?::xid8";
            } else if (order < 0) {
                after = " AND change_xid > ?::xid8";
            } else {
                after = " AND (change_xid > ?::xid8 OR (change_xid = ?::xid8 AND id > ?))";
                params.add(Long.toString(cursor.position()));
                params.add(cursor.id());
            }
            params.add(limit + 1);
            branches.add(select(type) + " WHERE tenant = ? AND change_xid < " + Snapshots.HORIZON + after
                    + " ORDER BY change_xid, id LIMIT ?");
        }
        String sql = branches.size() == 1 ? branches.get(0)
                : "SELECT * FROM ((" + String.join(") UNION ALL (", branches) + ")) page "
                        + "ORDER BY change_xid, entity, id LIMIT " + (limit + 1);
        Last last = copy(c.unwrap(PGConnection.class), sql, params, ordered(cursor), limit, sink);
        Instant now = Instant.now();
        if (last.count() == 0) {
            return new Page(cursor.reissued(now), false);
        }
        return new Page(cursor.afterChange(last.position(), last.entity(), last.id(), now), last.more());
    }

    private static List<EntityType> ordered(PullCursor cursor) {
        return cursor.entities().stream()
                .sorted((a, b) -> a.wireName().compareTo(b.wireName()))
                .toList();
    }

    /**
     * The columns every branch yields: the record's fields as text in columns {@code f1…f5}, in the order of
     * {@link EntityType#fields()} (unused ones null), so that branches of different entities line up. The JSON is
     * written from them here ({@link RowChange}) rather than built by PostgreSQL's {@code jsonb_build_object}, which
     * measured at twice the cost of reading the columns.
     */
    private static String select(EntityType type) {
        List<FieldSpec> fields = type.fields();
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < MAX_FIELDS; i++) {
            columns.append(", ").append(i < fields.size() ? column(fields.get(i)) + "::text" : "NULL::text")
                    .append(" AS f").append(i + 1);
        }
        return "SELECT '" + type.wireName() + "' AS entity, id, version, deleted, "
                + "updated_at AT TIME ZONE 'UTC' AS updated_at, "
                + "change_xid" + columns + " FROM " + table(type);
    }

    private static String column(FieldSpec field) {
        return field.name().replaceAll("([A-Z])", "_$1").toLowerCase();
    }

    private static String table(EntityType type) {
        return switch (type) {
            case CATEGORY -> "category";
            case PRODUCT -> "product";
            case CUSTOMER -> "customer";
            default -> throw new IllegalArgumentException(type + " is not pulled");
        };
    }

    /**
     * What a read handed to the sink: how many rows, whether there was one more, and the last one's place.
     */
    private record Last(int count, boolean more, String entity, String id, long position) {
        static final Last NONE = new Last(0, false, null, null, 0);
    }

    /**
     * Hands the rows of {@code sql} to the sink as they arrive, at most {@code limit}; a row past them is "more".
     * The sink sees each row through one {@link RowChange}; only the last row's place is decoded into values.
     */
    private static Last copy(PGConnection pg, String sql, List<Object> values, List<EntityType> types, int limit,
            Consumer<Change> sink) throws SQLException {
        CopyOut copy = pg.getCopyAPI().copyOut("COPY (" + literals(pg, sql, values) + ") TO STDOUT");
        boolean read = false;
        try {
            RowChange change = new RowChange(new CopyRow(COLUMNS), types);
            int count = 0;
            byte[] last = null;
            boolean more = false;
            byte[] bytes;
            while ((bytes = copy.readFromCopy()) != null) {
                if (count == limit) {
                    more = true; // the one row past the page: read, so the COPY ends by itself
                    continue;
                }
                count++;
                last = bytes; // the driver hands over a new array for every row
                sink.accept(change.at(bytes));
            }
            read = true;
            if (last == null) {
                return new Last(0, more, null, null, 0);
            }
            CopyRow row = change.at(last).row;
            // change_xid's text is its number (an xid8 below 2^63: epoch and xid); no cast to bigint per row, which
            // measured at a fifth of a snapshot page's cost in PostgreSQL.
            return new Last(count, more, row.text(1), row.text(2), row.number(6));
        } finally {
            if (!read) {
                drain(copy);
            }
        }
    }

    /**
     * The change a COPY row holds, written as JSON from the row's bytes: the id and the data's strings escaped for
     * JSON on the way, numbers copied as PostgreSQL wrote them, the change time rewritten in RFC 3339's form.
     */
    private static final class RowChange implements Change {

        /** Per entity, what precedes each data field: {@code {"sku":}, then {@code ,"name":} and so on. */
        private static final Map<EntityType, byte[][]> MEMBERS = new EnumMap<>(EntityType.class);
        private static final Map<EntityType, byte[]> NAMES = new EnumMap<>(EntityType.class);

        static {
            for (EntityType type : ChangeFeed.pullable()) {
                List<FieldSpec> fields = type.fields();
                byte[][] members = new byte[fields.size()][];
                for (int i = 0; i < members.length; i++) {
                    members[i] = JsonOut.ascii((i == 0 ? "{\"" : ",\"") + fields.get(i).name() + "\":");
                }
                MEMBERS.put(type, members);
                NAMES.put(type, JsonOut.ascii(type.wireName()));
            }
        }

        private final CopyRow row;
        private final List<EntityType> types;
        private EntityType type;

        RowChange(CopyRow row, List<EntityType> types) {
            this.row = row;
            this.types = types;
        }

        RowChange at(byte[] bytes) {
            row.read(bytes);
            type = types.size() == 1 ? types.get(0) : null;
            for (int i = 0; type == null && i < types.size(); i++) {
                if (row.holds(1, NAMES.get(types.get(i)))) {
                    type = types.get(i);
                }
            }
            if (type == null) {
                throw new IllegalStateException("a change of an entity not pulled: " + row.text(1));
            }
            return this;
        }

        @Override
        public EntityType entity() {
            return type;
        }

        @Override
        public long version() {
            return row.number(3);
        }

        @Override
        public boolean deleted() {
            return row.bool(4);
        }

        @Override
        public void writeId(JsonOut out) {
            row.writeString(2, out);
        }

        @Override
        public void writeData(JsonOut out) {
            if (deleted()) {
                out.nullValue();
                return;
            }
            List<FieldSpec> fields = type.fields();
            byte[][] members = MEMBERS.get(type);
            for (int i = 0; i < members.length; i++) {
                out.raw(members[i]);
                FieldKind kind = fields.get(i).kind();
                if (kind == FieldKind.COUNT || kind == FieldKind.DELTA) {
                    row.writeRaw(FIRST_FIELD_COLUMN + i, out);
                } else {
                    row.writeString(FIRST_FIELD_COLUMN + i, out);
                }
            }
            out.raw('}');
        }

        @Override
        public void writeChangedAt(JsonOut out) {
            row.writeUtcTimestamp(5, out);
        }
    }

    /**
     * After the sink failed (the client went away), reads the rest of the COPY, at most the page's length, so the
     * connection goes back to the pool between statements. Not {@code cancelCopy}: that asks PostgreSQL to cancel
     * through a second connection, a request that can arrive after the COPY has ended and cancel whatever the
     * pooled connection runs next, another client's pull (seen: one pull in two after an aborted one was cut short).
     * Should the draining fail too, the failure that got here is the one to report.
     */
    private static void drain(CopyOut copy) {
        try {
            while (copy.isActive() && copy.readFromCopy() != null) {
                // discard
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "could not read the rest of an abandoned pull's COPY", e);
        }
    }

    /** {@code sql} with each {@code ?} replaced by the next value as a literal: numbers as they are, text quoted. */
    static String literals(PGConnection pg, String sql, List<Object> values) throws SQLException {
        StringBuilder out = new StringBuilder(sql.length() + 16 * values.size());
        int next = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch != '?') {
                out.append(ch);
                continue;
            }
            Object value = values.get(next++);
            if (value instanceof Integer || value instanceof Long) {
                out.append(value);
            } else {
                out.append('\'').append(pg.escapeLiteral(value.toString())).append('\'');
            }
        }
        if (next != values.size()) {
            throw new IllegalArgumentException(values.size() + " values for " + next + " placeholders");
        }
        return out.toString();
    }

    @Override
    public int purgeTombstones(int days, int limit) {
        int purged = 0;
        try (Connection c = dataSource.getConnection()) {
            for (EntityType type : ChangeFeed.pullable()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table(type)
                        + " WHERE ctid IN (SELECT ctid FROM " + table(type) + " WHERE deleted "
                        + "AND updated_at < now() - make_interval(days => ?) LIMIT ?)")) {
                    ps.setInt(1, days);
                    ps.setInt(2, limit);
                    purged += ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not purge tombstones", e);
        }
        return purged;
    }
}
