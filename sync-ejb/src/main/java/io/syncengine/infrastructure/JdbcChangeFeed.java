package io.syncengine.infrastructure;

import io.syncengine.SyncNames;
import io.syncengine.application.Change;
import io.syncengine.application.ChangeFeed;
import io.syncengine.application.PullCursor;
import io.syncengine.domain.model.EntityType;
import io.syncengine.domain.model.FieldKind;
import io.syncengine.domain.model.FieldSpec;
import io.syncengine.domain.model.JsonText;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The change feed on PostgreSQL. Every write of a category, product or customer row stamps it with the id of its
 * transaction ({@code change_xid}, set by a trigger: JPA writes and stock deltas alike). A page is read in one
 * REPEATABLE READ transaction whose first statement takes the horizon, {@code pg_snapshot_xmin}: every
 * transaction below it has finished, so every change below it is visible in this snapshot and nothing can still
 * appear there later. Reading only below the horizon is what makes the feed never skip a change that commits after
 * a newer one; the price is that a long-running transaction holds the horizon back (pulls lag; they never lose).
 *
 * <p>Rows are streamed to the caller as the driver fetches them ({@value #FETCH_SIZE} at a time), so a page's
 * memory does not grow with its length. Each entity's branch of the query walks its {@code (tenant, change_xid, id)}
 * index (or the primary key, for a snapshot) and PostgreSQL merges them.
 */
@ApplicationScoped
public class JdbcChangeFeed implements ChangeFeed {

    private static final int FETCH_SIZE = 500;
    /** The most data fields an entity has (product: sku, name, price, stock, categoryId). */
    private static final int MAX_FIELDS = 5;
    /** The column of {@code f1} in a branch's select list: entity, id, version, deleted, updated_at, change_xid and
     * position come first. */
    private static final int FIRST_FIELD_COLUMN = 8;

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
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                long horizon = Snapshots.horizon(c);
                Page page = cursor.phase() == PullCursor.Phase.SNAPSHOT
                        ? snapshot(c, tenant, cursor, limit, sink)
                        : delta(c, tenant, cursor, horizon, limit, sink);
                c.commit();
                return page;
            } finally {
                Snapshots.reset(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read changes", e);
        }
    }

    /** Live records in (entity, id) order after the cursor's record. */
    private Page snapshot(Connection c, String tenant, PullCursor cursor, int limit, Consumer<Change> sink)
            throws SQLException {
        List<String> branches = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (EntityType type : ordered(cursor)) {
            int order = type.wireName().compareTo(cursor.entity());
            if (order < 0) {
                continue;
            }
            params.add(tenant);
            String after = "";
            if (order == 0) {
                after = " AND id > ?";
                params.add(cursor.id());
            }
            params.add(limit + 1);
            branches.add("(" + select(type) + " WHERE tenant = ? AND NOT deleted" + after
                    + " ORDER BY id LIMIT ?)");
        }
        Last last = stream(c, branches, "entity, id", params, limit, sink);
        Instant now = Instant.now();
        if (last.more()) {
            return new Page(cursor.afterRecord(last.entity(), last.id(), now), true);
        }
        // The snapshot is complete; the delta goes on from where it started, and may already have more.
        return new Page(cursor.deltaFrom(cursor.horizon(), now), true);
    }

    /** Changes in (position, entity, id) order after the cursor's change and below the horizon. */
    private Page delta(Connection c, String tenant, PullCursor cursor, long horizon, int limit,
            Consumer<Change> sink) throws SQLException {
        List<String> branches = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (EntityType type : ordered(cursor)) {
            int order = type.wireName().compareTo(cursor.entity());
            params.add(tenant);
            params.add(Long.toString(horizon));
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
            branches.add("(" + select(type) + " WHERE tenant = ? AND change_xid < ?::xid8" + after
                    + " ORDER BY change_xid, id LIMIT ?)");
        }
        Last last = stream(c, branches, "change_xid, entity, id", params, limit, sink);
        Instant now = Instant.now();
        if (last.more()) {
            return new Page(cursor.afterChange(last.position(), last.entity(), last.id(), now), true);
        }
        return new Page(cursor.deltaFrom(Math.max(horizon, cursor.position()), now), false);
    }

    private static List<EntityType> ordered(PullCursor cursor) {
        return cursor.entities().stream()
                .sorted((a, b) -> a.wireName().compareTo(b.wireName()))
                .toList();
    }

    /**
     * The columns every branch yields: the record's fields as text in columns {@code f1…f5}, in the order of
     * {@link EntityType#fields()} (unused ones null), so that branches of different entities line up. The JSON is
     * built here rather than by PostgreSQL's {@code jsonb_build_object}, which measured at twice the cost of reading
     * the columns.
     */
    private static String select(EntityType type) {
        List<FieldSpec> fields = type.fields();
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < MAX_FIELDS; i++) {
            columns.append(", ").append(i < fields.size() ? column(fields.get(i)) + "::text" : "NULL::text")
                    .append(" AS f").append(i + 1);
        }
        return "SELECT '" + type.wireName() + "' AS entity, id, version, deleted, updated_at, "
                + "change_xid, change_xid::text::bigint AS position" + columns + " FROM " + table(type);
    }

    private static String column(FieldSpec field) {
        return field.name().replaceAll("([A-Z])", "_$1").toLowerCase();
    }

    /** The record's data as JSON text in its wire shape; numbers as numbers, amounts as strings ("2.49"). */
    private static String data(EntityType type, ResultSet rs) throws SQLException {
        StringBuilder json = new StringBuilder(256).append('{');
        List<FieldSpec> fields = type.fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec field = fields.get(i);
            if (i > 0) {
                json.append(',');
            }
            JsonText.quote(field.name(), json);
            json.append(':');
            String value = rs.getString(FIRST_FIELD_COLUMN + i);
            if (value == null) {
                json.append("null");
            } else if (field.kind() == FieldKind.COUNT || field.kind() == FieldKind.DELTA) {
                json.append(value);
            } else {
                JsonText.quote(value, json);
            }
        }
        return json.append('}').toString();
    }

    private static String table(EntityType type) {
        return switch (type) {
            case CATEGORY -> "category";
            case PRODUCT -> "product";
            case CUSTOMER -> "customer";
            default -> throw new IllegalArgumentException(type + " is not pulled");
        };
    }

    private record Last(boolean more, String entity, String id, long position) {
    }

    private static Last stream(Connection c, List<String> branches, String order, List<Object> params, int limit,
            Consumer<Change> sink) throws SQLException {
        if (branches.isEmpty()) {
            return new Last(false, null, null, 0);
        }
        String sql = "SELECT * FROM (" + String.join(" UNION ALL ", branches) + ") page ORDER BY " + order
                + " LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            ps.setInt(params.size() + 1, limit + 1);
            ps.setFetchSize(FETCH_SIZE);
            int count = 0;
            String entity = null;
            String id = null;
            long position = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (count == limit) {
                        return new Last(true, entity, id, position);
                    }
                    count++;
                    // By index, and no getObject(…, Class): the pool's result set wrapper looks that up by
                    // reflection on every call (profiled as the largest cost of a snapshot page).
                    entity = rs.getString(1);
                    id = rs.getString(2);
                    position = rs.getLong(7);
                    boolean deleted = rs.getBoolean(4);
                    sink.accept(new Change(entity, id, rs.getLong(3), deleted,
                            deleted ? null : data(EntityType.fromWire(entity).orElseThrow(), rs),
                            rs.getTimestamp(5).toInstant().atOffset(ZoneOffset.UTC), position));
                }
            }
            return new Last(false, entity, id, position);
        }
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
