package io.syncengine.infrastructure;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncengine.application.AuditFilter;
import io.syncengine.application.AuditLog.EventPosition;
import io.syncengine.schema.ScratchDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every auditor's filter on events finds its page through an index that already holds the page order: no scan of
 * the table, no sort, and no row read only to be filtered out. On a log that grows to tens of millions of events,
 * a filter without such an index reads a tenant's (or a device's) whole history for one page. The plans are
 * PostgreSQL's own, for the statements the server issues, on a migrated {@link ScratchDatabase} holding 200,000
 * events shaped like a shop chain's month (500 devices, 20,000 products, one event in 200 a conflict, a handful
 * discarded) and a second tenant's.
 */
class AuditQueryPlanTest {

    private static final String TENANT = "shop";
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 10, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void everyEventFilterReadsItsPageFromAnIndexInPageOrder() throws Exception {
        ScratchDatabase.run(database -> {
            SchemaMigration.update(database.connect());
            try (Connection c = database.connect()) {
                seed(c, TENANT, 200_000);
                seed(c, "other", 20_000);
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE audit_event");
                }
                Map<String, AuditFilter> filters = new LinkedHashMap<>();
                filters.put("device", filter("till-7", null, null, null, null, null, null, null));
                filters.put("operation", filter("till-7", null, null, null, null, "op-1507", null, null));
                filters.put("record", filter(null, "product", "p-1234", null, null, null, null, null));
                filters.put("batch", filter(null, null, null, "batch-7-3", null, null, null, null));
                filters.put("type CONFLICT", filter(null, null, null, null, "CONFLICT", null, null, null));
                filters.put("type DISCARDED", filter(null, null, null, null, "DISCARDED", null, null, null));
                filters.put("an hour", filter(null, null, null, null, null, null, START.plusDays(3),
                        START.plusDays(3).plusHours(1)));
                filters.put("a device's day", filter("till-7", null, null, null, null, null, START.plusDays(3),
                        START.plusDays(4)));
                EventPosition cursor = new EventPosition(START.plusDays(10), 1);
                Executable[] checks = filters.entrySet().stream().<Executable>flatMap(f -> Stream.of(
                        () -> assertIndexedInOrder(c, f.getKey(), f.getValue(), null),
                        () -> assertIndexedInOrder(c, f.getKey() + ", next page", f.getValue(), cursor)))
                        .toArray(Executable[]::new);
                assertAll(checks);
            }
        });
    }

    private static AuditFilter filter(String deviceId, String entity, String entityId, String batchId,
            String type, String opId, OffsetDateTime from, OffsetDateTime to) {
        return new AuditFilter(deviceId, entity, entityId, batchId, type, opId, from, to);
    }

    private static void assertIndexedInOrder(Connection c, String name, AuditFilter filter, EventPosition after)
            throws Exception {
        JdbcAuditLog.Query q = JdbcAuditLog.eventsQuery(TENANT, filter, after);
        q.sql.append(" LIMIT 101");
        String plan = explain(c, q);
        assertTrue(plan.contains("Index Scan"), name + " reads through an index:\n" + plan);
        assertFalse(plan.contains("Seq Scan"), name + " scans no table:\n" + plan);
        assertFalse(plan.contains("Sort"), name + " needs no sort:\n" + plan);
        assertFalse(plan.contains("Filter:"), name + " reads no row only to drop it:\n" + plan);
    }

    private static String explain(Connection c, JdbcAuditLog.Query q) throws Exception {
        try (PreparedStatement s = c.prepareStatement("EXPLAIN " + q.sql)) {
            q.bind(s);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    /**
     * {@code count} events of {@code tenant} over 30 days: operation k of device k % 500 on product k % 20,000,
     * in batches of 50 of a device's operations, each a RECEIVED and a final event (a CONFLICT one time in 200,
     * DISCARDED one time in 20,000, else APPLIED).
     */
    private static void seed(Connection c, String tenant, int count) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_event (tenant, event_type, subject, "
                + "device_id, op_id, batch_id, seq, entity, entity_id, op_type, recorded_at) "
                + "SELECT ?, CASE WHEN g % 2 = 1 THEN 'RECEIVED' WHEN g % 40000 = 0 THEN 'DISCARDED' "
                + "WHEN g % 400 = 0 THEN 'CONFLICT' ELSE 'APPLIED' END, 'till-' || (g / 2 % 500), "
                + "'till-' || (g / 2 % 500), 'op-' || (g / 2), 'batch-' || (g / 2 % 500) || '-' || (g / 2 / 25000), "
                + "g / 2 / 500, 'product', 'p-' || (g / 2 % 20000), 'UPDATE', "
                + "?::timestamptz + g * (interval '30 days' / ?) FROM generate_series(1, ?) g")) {
            s.setString(1, tenant);
            s.setObject(2, START);
            s.setInt(3, count);
            s.setInt(4, count);
            s.executeUpdate();
        }
    }
}
