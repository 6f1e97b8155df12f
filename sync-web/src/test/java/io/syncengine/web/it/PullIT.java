package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Pull: snapshot, delta with tombstones, never a skipped change under concurrency, selection, retention. */
class PullIT extends SyncTestBase {

    private static final String CHANGES = "/api/v1/sync/changes";

    /** What a terminal holds after pulling: per record key, the version and whether it is deleted. */
    private record Held(long version, boolean deleted) {
    }

    /** Pulls until hasMore is false, from {@code cursor} (null: a snapshot); returns the last cursor. */
    private String pullAll(Api api, String token, String cursor, String query, Map<String, Held> into) {
        while (true) {
            Api.Reply reply = api.get(CHANGES + "?limit=" + 137 + query
                    + (cursor == null ? "" : "&since=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), token);
            assertEquals(200, reply.status(), reply.body());
            JsonObject page = reply.json();
            for (JsonObject change : page.getJsonArray("changes").getValuesAs(JsonObject.class)) {
                String key = change.getString("entity") + "/" + change.getString("entityId");
                long version = change.getJsonNumber("version").longValue();
                Held before = into.get(key);
                if (before == null || before.version() <= version) {
                    into.put(key, new Held(version, change.getBoolean("deleted")));
                }
                assertEquals(change.getBoolean("deleted"), change.isNull("data"), change.toString());
            }
            cursor = page.getString("cursor");
            if (!page.getBoolean("hasMore")) {
                return cursor;
            }
        }
    }

    /** The table as it is: key → version and deleted, for the test's tenant. */
    private Map<String, Held> table(boolean liveOnly) throws Exception {
        Map<String, Held> rows = new HashMap<>();
        try (Connection c = SyncStack.get().database(); Statement s = c.createStatement()) {
            for (String entity : List.of("category", "product", "customer")) {
                try (ResultSet rs = s.executeQuery("SELECT id, version, deleted FROM " + entity
                        + " WHERE tenant = '" + tenant + "'" + (liveOnly ? " AND NOT deleted" : ""))) {
                    while (rs.next()) {
                        rows.put(entity + "/" + rs.getString(1), new Held(rs.getLong(2), rs.getBoolean(3)));
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void aSnapshotOfTenThousandRecordsThenTheDeltaEqualsTheTable() throws Exception {
        Api api = api();
        String office = device("office");
        List<String> ids = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            List<JsonObject> ops = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String id = Ops.id();
                ids.add(id);
                ops.add(Ops.create(b * 1000L + i + 1, "category", id, Ops.category("C" + (b * 1000 + i))));
            }
            api.push(office, Ops.batch("office", "snap-" + b + "-" + Ops.id(), ops));
        }
        // A device's operations apply in order: once this last batch has settled, every batch before it has.
        List<JsonObject> tail = List.of(Ops.create(10_001, "customer", Ops.id(),
                Json.createObjectBuilder().add("name", "Ann").build()));
        api.pushAndSettle(office, Ops.batch("office", tail));

        Map<String, Held> held = new HashMap<>();
        String cursor = pullAll(api, office, null, "", held);
        assertEquals(table(true), held, "the snapshot holds every live record");
        assertEquals(10_001, held.size());

        // Updates and deletes after the snapshot arrive as a delta, deletes as tombstones.
        api.pushAndSettle(office, Ops.batch("office", List.of(
                Ops.update(10_002, "category", ids.get(0), 1, Ops.category("Renamed")),
                Ops.delete(10_003, "category", ids.get(1), 1))));
        Map<String, Held> delta = new HashMap<>();
        pullAll(api, office, cursor, "", delta);
        assertEquals(Map.of("category/" + ids.get(0), new Held(2, false), "category/" + ids.get(1),
                new Held(2, true)), delta);
        held.putAll(delta);
        assertEquals(table(false), held, "snapshot + delta = the table, tombstones included");
    }

    /**
     * Writers commit out of order on purpose (a trigger sleeps a random while inside each write's transaction,
     * after its position is taken) while a reader pulls in a loop; when the writes are done, the reader holds the
     * final version of every record.
     */
    @Test
    void noChangeIsSkippedWhileTransactionsCommitOutOfOrder() throws Exception {
        Api api = api();
        int devices = 8;
        int perDevice = 15;
        int rounds = 6;
        Map<String, List<String>> productsOf = new HashMap<>();
        for (int d = 0; d < devices; d++) {
            String till = "till-" + d;
            List<JsonObject> creates = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < perDevice; i++) {
                String id = Ops.id();
                ids.add(id);
                creates.add(Ops.create(i + 1, "product", id, Ops.product(till + "-" + i, "P", "1.00", 1)));
            }
            productsOf.put(till, ids);
            api.pushAndSettle(device(till), Ops.batch(till, creates));
        }
        Sql.execute("CREATE OR REPLACE FUNCTION slow_commit() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.tenant = '" + tenant + "' THEN PERFORM pg_sleep(random() * 0.03); END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        Sql.execute("CREATE TRIGGER slow_commit AFTER UPDATE ON product FOR EACH ROW EXECUTE FUNCTION slow_commit()");
        AtomicBoolean writing = new AtomicBoolean(true);
        Map<String, Held> held = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(devices + 1);
        try {
            String reader = person("operator");
            Future<String> pulling = pool.submit(() -> {
                String cursor = null;
                while (writing.get()) {
                    cursor = pullAll(api, reader, cursor, "&entities=product", held);
                }
                return cursor;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                String till = "till-" + d;
                writers.add(pool.submit(() -> {
                    long seq = perDevice;
                    for (int r = 1; r <= rounds; r++) {
                        List<JsonObject> updates = new ArrayList<>();
                        for (String id : productsOf.get(till)) {
                            updates.add(Ops.update(++seq, "product", id, r, Json.createObjectBuilder()
                                    .add("name", "round " + r).build()));
                        }
                        JsonObject status = api.pushAndSettle(device(till), Ops.batch(till, updates));
                        assertEquals(perDevice, status.getJsonObject("counts").getInt("APPLIED"));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            String cursor = pulling.get();
            // One more pull after the last write committed brings whatever the loop's last page could not see yet.
            pullAll(api, reader, cursor, "&entities=product", held);
        } finally {
            pool.shutdownNow();
            Sql.execute("DROP TRIGGER IF EXISTS slow_commit ON product");
        }
        Map<String, Held> products = new HashMap<>(table(false));
        products.keySet().removeIf(key -> !key.startsWith("product/"));
        assertEquals(devices * perDevice, products.size());
        products.values().forEach(row -> assertEquals(rounds + 1, row.version()));
        assertEquals(products, held, "the reader saw the final version of every record");

        // The data comes in the wire shape: amounts as strings, counts as numbers, absent references as null.
        JsonObject one = api.get(CHANGES + "?entities=product&limit=1", person("operator")).json()
                .getJsonArray("changes").getJsonObject(0);
        JsonObject data = one.getJsonObject("data");
        assertEquals("round " + rounds, data.getString("name"), one.toString());
        assertEquals("1.00", data.getString("price"));
        assertEquals(1, data.getInt("stock"));
        assertTrue(data.isNull("categoryId"));
        assertTrue(data.getString("sku").startsWith("till-"));
    }

    /**
     * A terminal that goes away in the middle of a page (the server's next write fails) leaves nothing behind on the
     * database connection that page used: every pull after it is whole, whichever pooled connection it gets.
     */
    @Test
    void aClientThatGoesAwayMidPageLeavesTheConnectionsUsable() throws Exception {
        try (Connection c = SyncStack.get().database(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO product (tenant, id, sku, name, price, stock, version, created_at, "
                    + "updated_at) SELECT '" + tenant + "', 'p-' || g, 'sku-' || g, 'Product ' || g, 1.00, 1, 1, "
                    + "now(), now() FROM generate_series(1, 12000) g");
        }
        Api api = api();
        String operator = person("operator");
        String page = CHANGES + "?entities=product&limit=5000";
        URI uri = uri(page);
        byte[] request = ("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: "
                + uri.getHost() + "\r\nAuthorization: Bearer " + operator + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 10; i++) {
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                socket.getOutputStream().write(request);
                assertTrue(socket.getInputStream().read(new byte[2048]) > 0, "the answer has begun");
                socket.setSoLinger(true, 0); // closed with a reset: the server's next write fails
            }
            Api.Reply whole = api.get(page, operator);
            assertEquals(200, whole.status(), whole.body());
            assertEquals(5000, whole.json().getJsonArray("changes").size(), "the pull after abandoned pull " + i);
        }
    }

    @Test
    void selectionRetentionAndPurge() throws Exception {
        Api api = api();
        String office = device("office");
        String category = Ops.id();
        String customer = Ops.id();
        api.pushAndSettle(office, Ops.batch("office", List.of(
                Ops.create(1, "category", category, Ops.category("Only categories")),
                Ops.create(2, "customer", customer, Json.createObjectBuilder().add("name", "Bea").build()))));
        Map<String, Held> categories = new HashMap<>();
        String cursor = pullAll(api, office, null, "&entities=category", categories);
        assertEquals(Map.of("category/" + category, new Held(1, false)), categories);

        Api.Reply otherSelection = api.get(CHANGES + "?entities=customer&since=" + cursor, office);
        assertEquals(400, otherSelection.status(), "a cursor belongs to its selection");
        assertEquals(400, api.get(CHANGES + "?entities=sale", office).status());
        assertEquals(400, api.get(CHANGES + "?since=not-a-cursor", office).status());
        assertEquals(400, api.get(CHANGES + "?limit=5001", office).status());
        assertEquals(403, api.get(CHANGES, person("auditor")).status());

        // A cursor issued longer ago than the retention (30 days) is refused: deletes may have been purged.
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
        parts[7] = Long.toString(Instant.now().minus(Duration.ofDays(31)).getEpochSecond());
        String old = Base64.getUrlEncoder().withoutPadding().encodeToString(String.join("|", parts)
                .getBytes(StandardCharsets.UTF_8));
        Api.Reply gone = api.get(CHANGES + "?entities=category&since=" + old, office);
        assertEquals(410, gone.status(), gone.body());
        assertTrue(gone.json().getString("type").endsWith("/resync-required"));

        // A tombstone past the retention is purged by the purge job (every 2 s in this test stack).
        api.pushAndSettle(office, Ops.batch("office", List.of(Ops.delete(3, "category", category, 1))));
        Sql.execute("UPDATE category SET updated_at = now() - interval '31 days' WHERE tenant = '" + tenant + "'");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Sql.count("SELECT count(*) FROM category WHERE tenant = ?", tenant) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(100); // polling the table: the purge job's own signal is the row disappearing
        }
        assertEquals(0, Sql.count("SELECT count(*) FROM category WHERE tenant = ?", tenant));
        assertFalse(table(false).containsKey("category/" + category));
    }
}
