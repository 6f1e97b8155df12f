package io.syncengine.web.it;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The auditors' log on the real stack: every state change of an operation becomes an event, written by the
 * database in the change's own transaction; the operation and event logs filter, page and export as CSV; the hash
 * chain verifies and pinpoints an event a superuser altered; the application's own role can only append.
 */
class AuditIT extends SyncTestBase {

    private static final String EVENTS = "/api/v1/audit/events";
    private static final String OPERATIONS = "/api/v1/audit/operations";
    private static final String VERIFY = "/api/v1/audit/verify";

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String opId(JsonObject batch, int index) {
        return batch.getJsonArray("operations").getJsonObject(index).getString("opId");
    }

    /** The event types of one operation, in log order. */
    private List<String> types(Api api, String deviceId, String opId) {
        return events(api, deviceId, opId).stream().map(e -> e.getString("type")).toList();
    }

    private List<JsonObject> events(Api api, String deviceId, String opId) {
        Api.Reply reply = api.get(EVENTS + "?deviceId=" + q(deviceId) + "&opId=" + q(opId), person("auditor"));
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonArray("events").getValuesAs(JsonObject.class);
    }

    private static JsonObject ofType(List<JsonObject> events, String type) {
        return events.stream().filter(e -> e.getString("type").equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " event in " + events));
    }

    /** Waits until the sealer has linked every event of this tenant (verify reports what is still unlinked). */
    private JsonObject awaitSealed(Api api) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonObject verification = null;
        while (System.nanoTime() < deadline) {
            verification = api.get(VERIFY, person("auditor")).json();
            if (verification.getInt("unsealed") == 0 && verification.getInt("checked") > 0) {
                return verification;
            }
            Thread.sleep(100); // polling the sealer's own report
        }
        throw new AssertionError("events still unsealed: " + verification);
    }

    /** A product of this tenant at version 1, made by the office; returns its id. */
    private String product(Api api, String price, long stock) {
        String id = Ops.id();
        api.pushAndSettle(device("office"), Ops.batch("office", List.of(
                Ops.create(1, "product", id, Ops.product("SKU-" + id, "Tea", price, stock)))));
        return id;
    }

    @Test
    void everyStateChangeOfAnOperationIsAnEventWithWhoVersionsAndPayloadHash() {
        Api api = api();
        String till = "till-au";
        String productId = product(api, "4.00", 10);
        JsonObject batch = Ops.batch(till, List.of(
                Ops.update(1, "product", productId, 1, Json.createObjectBuilder().add("price", "4.20").build()),
                Ops.op(2, "product", productId, "UPDATE").add("data", Json.createObjectBuilder()
                        .add("price", "1.00")).build(),
                Ops.update(3, "product", productId, 1, Json.createObjectBuilder().add("name", "Old tea").build()),
                Ops.sale(4, Ops.id(), Ops.line(productId, 1, "3.99"))));
        JsonObject status = api.pushAndSettle(device(till), batch);
        assertEquals("CONFLICT", status.getJsonArray("operations").getJsonObject(2).getString("status"));
        String conflictId = status.getJsonArray("operations").getJsonObject(2).getString("conflictId");

        List<JsonObject> applied = events(api, till, opId(batch, 0));
        assertEquals(List.of("RECEIVED", "APPLIED"), applied.stream().map(e -> e.getString("type")).toList());
        JsonObject apply = ofType(applied, "APPLIED");
        assertEquals(till, apply.getString("subject"), "a device token's subject is the device");
        assertEquals(batch.getString("batchId"), apply.getString("batchId"));
        assertEquals(1, apply.getInt("seq"));
        assertEquals("product", apply.getString("entity"));
        assertEquals(productId, apply.getString("entityId"));
        assertEquals(1, apply.getInt("beforeVersion"));
        assertEquals(2, apply.getInt("afterVersion"));
        assertEquals("2026-11-21T09:58:00Z", apply.getString("clientTime"));
        assertNotNull(apply.getString("recordedAt"));
        Object stored = Sql.value("SELECT encode(sha256(convert_to(data::text, 'UTF8')), 'hex') FROM sync_operation "
                + "WHERE tenant = ? AND device_id = ? AND op_id = ?", tenant, till, opId(batch, 0));
        assertEquals(stored, apply.getString("payloadHash"));
        assertEquals(stored, ofType(applied, "RECEIVED").getString("payloadHash"));

        List<JsonObject> rejected = events(api, till, opId(batch, 1));
        assertEquals(List.of("RECEIVED", "REJECTED"), rejected.stream().map(e -> e.getString("type")).toList());
        assertTrue(ofType(rejected, "REJECTED").getJsonObject("detail").toString().contains("baseVersion"),
                rejected.toString());

        assertEquals(List.of("RECEIVED", "APPLIED", "PRICE_DIFFERS"), types(api, till, opId(batch, 3)));
        JsonObject price = ofType(events(api, till, opId(batch, 3)), "PRICE_DIFFERS").getJsonObject("detail");
        assertEquals("3.99", price.getString("unitPrice"));
        assertEquals("4.20", price.getString("serverPrice"));

        List<JsonObject> conflict = events(api, till, opId(batch, 2));
        assertEquals(List.of("RECEIVED", "CONFLICT"), conflict.stream().map(e -> e.getString("type")).toList());
        assertEquals("VERSION_MISMATCH", ofType(conflict, "CONFLICT").getJsonObject("detail").getString("reason"));
        assertEquals(2, ofType(conflict, "CONFLICT").getInt("afterVersion"), "the server's version it met");

        Api.Reply discard = api.post("/api/v1/conflicts/" + conflictId + "/resolution", person("operator"),
                Json.createObjectBuilder().add("action", "DISCARD").add("comment", "till was wrong").build());
        assertEquals(202, discard.status(), discard.body());
        assertEquals("RESOLVED", api.get("/api/v1/conflicts/" + conflictId + "?waitSeconds=20", person("auditor"))
                .json().getString("status"));
        JsonObject discarded = ofType(events(api, till, opId(batch, 2)), "DISCARDED");
        assertEquals("operator@" + tenant, discarded.getString("subject"), "the resolver, not the till");
        assertEquals("DISCARD", discarded.getJsonObject("detail").getString("action"));
    }

    @Test
    void aFailedOperationAndItsRedriveAreEvents() {
        Api api = api();
        String till = "till-af";
        String categoryId = "auditfail-" + Ops.id();
        Sql.execute("CREATE OR REPLACE FUNCTION refuse_auditfail() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.id LIKE 'auditfail-%' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        Sql.execute("CREATE TRIGGER refuse_auditfail BEFORE INSERT ON category FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_auditfail()");
        JsonObject batch = Ops.batch(till, List.of(Ops.create(1, "category", categoryId, Ops.category("Herbs"))));
        try {
            JsonObject failed = api.pushAndSettle(device(till), batch);
            assertEquals("FAILED", failed.getJsonArray("operations").getJsonObject(0).getString("status"));
        } finally {
            Sql.execute("DROP TRIGGER IF EXISTS refuse_auditfail ON category");
        }
        Api.Reply redriven = api.post("/api/v1/operations/" + opId(batch, 0) + "/redrive", person("operator"),
                Json.createObjectBuilder().build());
        assertEquals(200, redriven.status(), redriven.body());
        api.awaitSettled(device(till), batch.getString("batchId"));

        List<JsonObject> events = events(api, till, opId(batch, 0));
        assertEquals(List.of("RECEIVED", "FAILED", "REDRIVEN", "APPLIED"),
                events.stream().map(e -> e.getString("type")).toList());
        assertTrue(ofType(events, "FAILED").getJsonObject("detail").getString("lastError")
                .contains("refused by test trigger"), events.toString());
        assertEquals("operator@" + tenant, ofType(events, "REDRIVEN").getString("subject"));
    }

    @Test
    void theOperationLogFiltersPagesAndExportsAsCsv() {
        Api api = api();
        String till = "till-ol";
        String productId = product(api, "2.00", 5);
        String formula = "=HYPERLINK(\"x\")-" + Ops.id();
        JsonObject first = Ops.batch(till, List.of(
                Ops.update(1, "product", productId, 1, Json.createObjectBuilder().add("price", "2.10").build()),
                Ops.create(2, "category", formula, Ops.category("Tools")),
                Ops.create(3, "category", Ops.id(), Ops.category("Toys"))));
        JsonObject second = Ops.batch(till, List.of(
                Ops.update(4, "product", productId, 2, Json.createObjectBuilder().add("price", "2.20").build()),
                Ops.op(5, "product", productId, "DELETE").build()));
        api.pushAndSettle(device(till), first);
        api.pushAndSettle(device(till), second);

        List<JsonObject> all = api.get(OPERATIONS + "?deviceId=" + till, person("auditor")).json()
                .getJsonArray("operations").getValuesAs(JsonObject.class);
        assertEquals(5, all.size(), all.toString());
        // In the order received: the first batch's operations, then the second's.
        assertEquals(Set.of(1, 2, 3), all.subList(0, 3).stream().map(o -> o.getInt("seq")).collect(toSet()));
        assertEquals(Set.of(4, 5), all.subList(3, 5).stream().map(o -> o.getInt("seq")).collect(toSet()));
        assertFalse(all.get(0).containsKey("position"), "the page position is the cursor's business");
        assertEquals(till, all.get(0).getString("subject"));

        List<JsonObject> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = api.get(OPERATIONS + "?deviceId=" + till + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), person("auditor")).json();
            paged.addAll(page.getJsonArray("operations").getValuesAs(JsonObject.class));
            cursor = page.getString("cursor", null);
        } while (cursor != null);
        assertEquals(all, paged, "pages of 2 give the same rows, once each");

        assertEquals(Set.of(4, 5), Set.copyOf(seqs(api, OPERATIONS + "?batchId=" + second.getString("batchId"))));
        assertEquals(List.of(5), seqs(api, OPERATIONS + "?deviceId=" + till + "&status=REJECTED"));
        assertEquals(List.of(1, 2, 3, 4), seqs(api, OPERATIONS + "?deviceId=" + till + "&status=APPLIED"),
                "in the order they applied: the device's own order");
        assertEquals(List.of(), seqs(api, OPERATIONS + "?deviceId=" + till + "&status=PENDING"));
        assertEquals(Set.of(1, 4, 5), Set.copyOf(seqs(api, OPERATIONS + "?deviceId=" + till
                + "&entity=product&entityId=" + productId)));
        assertEquals(List.of(), seqs(api, OPERATIONS + "?deviceId=" + till + "&from=2099-01-01T00:00:00Z"));
        assertEquals(5, seqs(api, OPERATIONS + "?deviceId=" + till + "&to=2099-01-01T00:00:00Z").size());

        Api.Reply csv = api.call("GET", OPERATIONS + "?deviceId=" + till, person("auditor"), null,
                Map.of("Accept", "text/csv"));
        assertEquals(200, csv.status(), csv.body());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        String[] lines = csv.body().split("\r\n");
        assertEquals(6, lines.length, csv.body());
        assertTrue(lines[0].startsWith("deviceId,opId,batchId,seq,"), lines[0]);
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].startsWith(till + "," + all.get(i - 1).getString("opId") + ","), lines[i]);
        }
        assertTrue(csv.body().contains(",\"'=HYPERLINK(\"\"x\"\")-"),
                "a formula from a terminal is quoted and defused: " + csv.body());

        Api.Reply events = api.call("GET", EVENTS + "?deviceId=" + till, person("auditor"), null,
                Map.of("Accept", "text/csv"));
        assertEquals(200, events.status(), events.body());
        assertEquals(1 + 5 + 5, events.body().split("\r\n").length, "a RECEIVED and a final event for each of "
                + "the 5: " + events.body());

        assertEquals(400, api.get(OPERATIONS + "?status=LOST", person("auditor")).status());
        assertEquals(400, api.get(OPERATIONS + "?limit=5000", person("auditor")).status());
        assertEquals(400, api.get(EVENTS + "?opId=x", person("auditor")).status(), "an opId needs its device");
        assertEquals(400, api.get(EVENTS + "?type=NOTHING", person("auditor")).status());
        assertEquals(400, api.get(EVENTS + "?cursor=bm90LWEtY3Vyc29y", person("auditor")).status());
    }

    private List<Integer> seqs(Api api, String path) {
        Api.Reply reply = api.get(path, person("auditor"));
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonArray("operations").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getInt("seq")).toList();
    }

    @Test
    void onlyAuditorsAndAdminsReadTheLogAndOnlyTheirTenants() {
        Api api = api();
        String till = "till-ro";
        api.pushAndSettle(device(till), Ops.batch(till, List.of(Ops.create(1, "category", Ops.id(),
                Ops.category("Bread")))));
        for (String path : List.of(EVENTS, OPERATIONS, VERIFY)) {
            assertEquals(403, api.get(path, device(till)).status(), path);
            assertEquals(403, api.get(path, person("operator")).status(), path);
            assertEquals(200, api.get(path, person("auditor")).status(), path);
            assertEquals(200, api.get(path, person("admin")).status(), path);
            assertEquals(401, api.get(path, null).status(), path);
        }
        String stranger = SyncStack.get().token("other-" + tenant, "auditor", null);
        String events = api.get(EVENTS + "?deviceId=" + till, stranger).body();
        assertFalse(events.contains(till), events);
        String operations = api.get(OPERATIONS + "?deviceId=" + till, stranger).body();
        assertFalse(operations.contains(till), operations);
        assertEquals(0, api.get(VERIFY, stranger).json().getInt("checked"));
    }

    @Test
    void verifyPinpointsAnEventASuperuserAltered() throws SQLException, InterruptedException {
        Api api = api();
        String till = "till-vf";
        JsonObject batch = Ops.batch(till, List.of(
                Ops.create(1, "category", Ops.id(), Ops.category("Fish")),
                Ops.create(2, "category", Ops.id(), Ops.category("Meat"))));
        api.pushAndSettle(device(till), batch);
        JsonObject intact = awaitSealed(api);
        assertTrue(intact.getBoolean("intact"), intact.toString());
        assertEquals(4, intact.getInt("checked"), "RECEIVED and APPLIED of each: " + intact);
        assertEquals(64, intact.getString("headHash").length());

        long eventId = ((Number) Sql.value("SELECT id FROM audit_event WHERE tenant = ? AND op_id = ? "
                + "AND event_type = 'APPLIED'", tenant, opId(batch, 0))).longValue();
        long position = ((Number) Sql.value("SELECT position FROM audit_link WHERE event_id = ?", eventId))
                .longValue();
        try (Connection c = SyncStack.get().database(); Statement s = c.createStatement()) {
            // A superuser can switch triggers off; the chain is what still tells.
            s.execute("SET session_replication_role = replica");
            s.execute("UPDATE audit_event SET after_version = 7 WHERE id = " + eventId);
        }
        JsonObject broken = api.get(VERIFY, person("auditor")).json();
        assertFalse(broken.getBoolean("intact"), broken.toString());
        assertEquals(eventId, broken.getJsonNumber("brokenEventId").longValue(), broken.toString());
        assertEquals(position, broken.getJsonNumber("brokenAt").longValue(), broken.toString());
        assertTrue(broken.getString("problem").contains("changed"), broken.toString());

        JsonObject before = api.get(VERIFY + "?to=2000-01-01T00:00:00Z", person("auditor")).json();
        assertEquals(0, before.getInt("checked"), "a range before the chain began holds no links");
    }

    @Test
    void theApplicationRoleCanOnlyAppendToTheLog() throws SQLException, InterruptedException {
        Api api = api();
        String till = "till-ap";
        api.pushAndSettle(device(till), Ops.batch(till, List.of(Ops.create(1, "category", Ops.id(),
                Ops.category("Rice")))));
        awaitSealed(api);
        try (Connection app = SyncStack.get().applicationDatabase(); Statement s = app.createStatement()) {
            for (String change : List.of(
                    "UPDATE audit_event SET subject = 'mallory' WHERE tenant = '" + tenant + "'",
                    "DELETE FROM audit_event WHERE tenant = '" + tenant + "'",
                    "TRUNCATE audit_event",
                    "UPDATE audit_link SET hash = prev_hash WHERE tenant = '" + tenant + "'",
                    "DELETE FROM audit_link WHERE tenant = '" + tenant + "'")) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(change), change);
                assertEquals("42501", refused.getSQLState(), change + ": " + refused.getMessage());
            }
        }
        try (Connection superuser = SyncStack.get().database(); Statement s = superuser.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> s.execute(
                    "UPDATE audit_event SET subject = 'mallory' WHERE tenant = '" + tenant + "'"));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
        assertEquals(0, Sql.count("SELECT count(*) FROM audit_event WHERE subject = 'mallory'"));
        assertTrue(api.get(VERIFY, person("auditor")).json().getBoolean("intact"));
    }
}
