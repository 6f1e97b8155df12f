package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.core.server.Queue;
import org.junit.jupiter.api.Test;

/**
 * The review workflow: each resolution action through the queue, against the record as it is when it applies;
 * a record that moved meanwhile keeps the conflict open; bulk resolution; who may do what.
 */
class ConflictResolutionIT extends SyncTestBase {

    private static final String OFFICE = "office";

    private long officeSeq = 1;

    /** A product at version 2 (edited by the office) and a stale edit from {@code till}: a VERSION_MISMATCH. */
    private String[] staleEdit(Api api, String till, long tillSeq) {
        String id = Ops.id();
        api.pushAndSettle(device(OFFICE), Ops.batch(OFFICE, List.of(
                Ops.create(officeSeq++, "product", id, Ops.product("SKU-" + id, "Tea", "4.00", 10)),
                Ops.update(officeSeq++, "product", id, 1, Json.createObjectBuilder().add("price", "4.50").build()))));
        JsonObject status = api.pushAndSettle(device(till), Ops.batch(till, List.of(Ops.update(tillSeq, "product",
                id, 1, Json.createObjectBuilder().add("name", "Green tea").add("price", "3.90").build()))));
        JsonObject op = status.getJsonArray("operations").getJsonObject(0);
        assertEquals("CONFLICT", op.getString("status"), status.toString());
        return new String[] {id, op.getString("conflictId")};
    }

    /** A product created by the office with {@code stock}; returns its id. */
    private String product(Api api, String sku, String price, long stock) {
        String id = Ops.id();
        api.pushAndSettle(device(OFFICE), Ops.batch(OFFICE, List.of(
                Ops.create(officeSeq++, "product", id, Ops.product(sku, sku, price, stock)))));
        return id;
    }

    private Api.Reply resolve(Api api, String conflictId, JsonObject body) {
        return api.post("/api/v1/conflicts/" + conflictId + "/resolution", person("operator"), body);
    }

    private JsonObject settled(Api api, String conflictId) {
        JsonObject conflict = api.get("/api/v1/conflicts/" + conflictId + "?waitSeconds=20", person("auditor"))
                .json();
        assertNull(conflict.get("pendingResolutionId"), conflict.toString());
        return conflict;
    }

    private Object column(String column, String productId) {
        return Sql.value("SELECT " + column + " FROM product WHERE tenant = ? AND id = ?", tenant, productId);
    }

    private static JsonObject action(String action) {
        return Json.createObjectBuilder().add("action", action).add("comment", "checked with the store").build();
    }

    @Test
    void acceptServerAndDiscardSettleTheConflictWithoutChangingTheRecord() {
        Api api = api();
        String[] first = staleEdit(api, "till-a", 1);
        JsonObject before = api.get("/api/v1/conflicts/" + first[1], person("operator")).json();
        List<String> fields = before.getJsonArray("differences").getValuesAs(JsonObject.class).stream()
                .map(d -> d.getString("field")).toList();
        assertEquals(List.of("name", "price"), fields, before.toString());

        Api.Reply accepted = resolve(api, first[1], action("ACCEPT_SERVER"));
        assertEquals(202, accepted.status(), accepted.body());
        assertEquals("PENDING", accepted.json().getString("status"));
        JsonObject conflict = settled(api, first[1]);
        assertEquals("RESOLVED", conflict.getString("status"));
        assertEquals("ACCEPT_SERVER", conflict.getString("resolvedAction"));
        assertEquals("operator@" + tenant, conflict.getString("resolvedBy"));
        assertEquals(2, conflict.getInt("resolvedVersion"));
        JsonObject resolution = conflict.getJsonArray("resolutions").getJsonObject(0);
        assertEquals("RESOLVED", resolution.getString("status"));
        assertEquals("checked with the store", resolution.getString("comment"));
        assertEquals(2L, column("version", first[0]));
        assertEquals("Tea", column("name", first[0]));
        assertEquals(1, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ? AND resolution_id = ? "
                + "AND received_by = ? AND status = 'APPLIED'", tenant, resolution.getString("id"),
                "operator@" + tenant), "the resolution is an operation of the log, authored by the operator");

        Api.Reply again = resolve(api, first[1], action("DISCARD"));
        assertEquals(409, again.status(), again.body());

        String[] second = staleEdit(api, "till-a", 2);
        assertEquals(202, resolve(api, second[1], action("DISCARD")).status());
        assertEquals("DISCARD", settled(api, second[1]).getString("resolvedAction"));
        assertEquals("Tea", column("name", second[0]));
    }

    @Test
    void applyLocalForcesTheTerminalsDataOntoTheCurrentVersion() {
        Api api = api();
        String[] conflict = staleEdit(api, "till-b", 1);
        assertEquals(202, resolve(api, conflict[1], action("APPLY_LOCAL")).status());
        JsonObject resolved = settled(api, conflict[1]);
        assertEquals("RESOLVED", resolved.getString("status"), resolved.toString());
        assertEquals(3, resolved.getInt("resolvedVersion"));
        assertEquals(3L, column("version", conflict[0]));
        assertEquals("Green tea", column("name", conflict[0]));
        assertEquals(0, new java.math.BigDecimal("3.90").compareTo((java.math.BigDecimal) column("price",
                conflict[0])));
        assertEquals(0, resolved.getJsonArray("differences").getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getBoolean("localDiffersFromNow")).count(), "the record now says what the till said");
    }

    @Test
    void applyMergedIsValidatedLikeAnyOperationThenApplied() {
        Api api = api();
        String[] conflict = staleEdit(api, "till-c", 1);
        Api.Reply invalid = resolve(api, conflict[1], Json.createObjectBuilder().add("action", "APPLY_MERGED")
                .add("data", Json.createObjectBuilder().add("price", "-1").add("colour", "red")).build());
        assertEquals(400, invalid.status(), invalid.body());
        List<String> pointers = invalid.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("pointer")).toList();
        assertEquals(List.of("/data/colour", "/data/price"), pointers);
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_conflict_resolution WHERE conflict_id = ?",
                conflict[1]), "nothing stored");

        Api.Reply missing = resolve(api, conflict[1], action("APPLY_MERGED"));
        assertEquals(400, missing.status());
        Api.Reply unknown = resolve(api, conflict[1], action("MAKE_IT_SO"));
        assertEquals("/action", unknown.json().getJsonArray("errors").getJsonObject(0).getString("pointer"));

        Api.Reply merged = resolve(api, conflict[1], Json.createObjectBuilder().add("action", "APPLY_MERGED")
                .add("data", Json.createObjectBuilder().add("name", "Green tea").add("price", "4.50")).build());
        assertEquals(202, merged.status(), merged.body());
        JsonObject resolved = settled(api, conflict[1]);
        assertEquals("RESOLVED", resolved.getString("status"));
        assertEquals("Green tea", column("name", conflict[0]));
        assertEquals(3L, column("version", conflict[0]));
    }

    @Test
    void aResolutionThatMeetsANewerVersionLeavesTheConflictOpenWithTheNewReason() {
        Api api = api();
        String[] conflict = staleEdit(api, "till-d", 1);
        Queue queue = SyncStack.get().broker().queue("sync.operations");
        String batchId;
        queue.pause();
        try {
            // The till, now at version 2, edits again; its edit waits in the queue ahead of the resolution (both
            // are the till's device group, so they apply in this order). The operator decides against version 2.
            batchId = api.push(device("till-d"), Ops.batch("till-d", List.of(Ops.update(2, "product",
                    conflict[0], 2, Json.createObjectBuilder().add("name", "Black tea").build()))))
                    .getString("batchId");
            assertEquals(202, resolve(api, conflict[1], action("APPLY_LOCAL")).status());
            Api.Reply twice = resolve(api, conflict[1], action("ACCEPT_SERVER"));
            assertEquals(409, twice.status(), "a resolution is already on its way");
        } finally {
            queue.resume();
        }
        api.awaitSettled(device("till-d"), batchId);
        JsonObject open = settled(api, conflict[1]);
        assertEquals("OPEN", open.getString("status"), open.toString());
        assertEquals("VERSION_MISMATCH", open.getString("type"));
        assertTrue(open.getString("detail").contains("version 3"), open.getString("detail"));
        assertEquals("STILL_OPEN", open.getJsonArray("resolutions").getJsonObject(0).getString("status"));
        assertEquals("Black tea", column("name", conflict[0]), "the newer change was not overwritten");
        assertEquals(3L, column("version", conflict[0]));

        // Decided again against version 3, it applies.
        assertEquals(202, resolve(api, conflict[1], action("APPLY_LOCAL")).status());
        JsonObject resolved = settled(api, conflict[1]);
        assertEquals("RESOLVED", resolved.getString("status"));
        assertEquals(2, resolved.getJsonArray("resolutions").size());
        assertEquals("Green tea", column("name", conflict[0]));
        assertEquals(4L, column("version", conflict[0]));
    }

    @Test
    void applyLocalRecordsASaleDespiteInsufficientStockAndOnlyThen() {
        Api api = api();
        String product = product(api, "FLOUR", "1.20", 2);
        JsonObject status = api.pushAndSettle(device("till-e"), Ops.batch("till-e", List.of(
                Ops.sale(1, Ops.id(), Ops.line(product, 5, "1.20")),
                Ops.sale(2, Ops.id(), Ops.line(product, 4, "1.20")))));
        List<String> conflicts = status.getJsonArray("operations").getValuesAs(JsonObject.class).stream()
                .map(op -> op.getString("conflictId")).toList();
        assertEquals(2L, column("stock", product));

        assertEquals(202, resolve(api, conflicts.get(1), action("DISCARD")).status());
        assertEquals("RESOLVED", settled(api, conflicts.get(1)).getString("status"));
        assertEquals(2L, column("stock", product));

        assertEquals(202, resolve(api, conflicts.get(0), action("APPLY_LOCAL")).status());
        JsonObject resolved = settled(api, conflicts.get(0));
        assertEquals("RESOLVED", resolved.getString("status"), resolved.toString());
        assertEquals(-3L, column("stock", product), "only an operator's explicit action takes stock below zero");
        assertEquals(1, Sql.count("SELECT count(*) FROM sale WHERE tenant = ? AND forced", tenant));
    }

    @Test
    void applyMergedCorrectsASaleAndAppliesItUnderTheNormalRules() {
        Api api = api();
        String product = product(api, "OIL", "5.00", 2);
        JsonObject sale = Ops.sale(1, Ops.id(), Ops.line(product, 3, "5.00"));
        JsonObject status = api.pushAndSettle(device("till-g"), Ops.batch("till-g", List.of(sale)));
        String conflictId = status.getJsonArray("operations").getJsonObject(0).getString("conflictId");

        // The operator's corrected sale is validated like a sale CREATE: lines are required.
        Api.Reply invalid = resolve(api, conflictId, Json.createObjectBuilder().add("action", "APPLY_MERGED")
                .add("data", Json.createObjectBuilder().add("receiptNo", "R-1").add("soldAt", "2026-11-21T10:00:00Z")
                        .add("total", "10.00"))
                .build());
        assertEquals(400, invalid.status(), invalid.body());
        assertEquals("/data/lines", invalid.json().getJsonArray("errors").getJsonObject(0).getString("pointer"));

        JsonObject corrected = Json.createObjectBuilder(sale.getJsonObject("data"))
                .add("lines", Json.createArrayBuilder().add(Ops.line(product, 2, "5.00")))
                .add("total", "10.00").build();
        Api.Reply merged = resolve(api, conflictId, Json.createObjectBuilder().add("action", "APPLY_MERGED")
                .add("data", corrected).add("comment", "two bottles, not three").build());
        assertEquals(202, merged.status(), merged.body());
        assertEquals("RESOLVED", settled(api, conflictId).getString("status"));
        assertEquals(0L, column("stock", product));
        assertEquals(1, Sql.count("SELECT count(*) FROM sale WHERE tenant = ? AND NOT forced", tenant),
                "applied under the normal rules, not forced");
    }

    @Test
    void bulkResolutionResolvesEveryMatchingConflictAsItsOwnOperation() {
        Api api = api();
        String product = Ops.id();
        api.pushAndSettle(device(OFFICE), Ops.batch(OFFICE, List.of(
                Ops.create(officeSeq++, "product", product, Ops.product("JAM", "Jam", "3.00", 10)),
                Ops.update(officeSeq++, "product", product, 1, Json.createObjectBuilder().add("price", "3.20")
                        .build()))));
        List<JsonObject> stale = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            stale.add(Ops.update(i, "product", product, 1, Json.createObjectBuilder().add("price", "2.99").build()));
        }
        JsonObject outage = api.pushAndSettle(device("store-12"), Ops.batch("store-12", stale));
        assertEquals(200, outage.getJsonObject("counts").getInt("CONFLICT"));
        String other = staleEdit(api, "store-7", 1)[1];

        Api.Reply started = api.post("/api/v1/conflicts/resolution", person("operator"), Json.createObjectBuilder()
                .add("action", "ACCEPT_SERVER").add("comment", "server price stands after the outage")
                .add("filter", Json.createObjectBuilder().add("deviceId", "store-12").add("entity", "product")
                        .add("type", "VERSION_MISMATCH"))
                .build());
        assertEquals(202, started.status(), started.body());
        String jobId = started.json().getString("jobId");

        JsonObject job = null;
        for (int i = 0; i < 6 && (job == null || !job.getString("status").equals("DONE")); i++) {
            job = api.get("/api/v1/conflicts/resolution-jobs/" + jobId + "?waitSeconds=20", person("auditor"))
                    .json();
        }
        assertEquals("DONE", job.getString("status"), job.toString());
        assertEquals(200, job.getInt("submitted"));
        assertEquals(200, job.getInt("resolved"));
        assertEquals(0, job.getInt("pending"));
        assertEquals(200, Sql.count("SELECT count(*) FROM sync_conflict WHERE tenant = ? AND device_id = ? "
                + "AND status = 'RESOLVED' AND resolved_action = 'ACCEPT_SERVER'", tenant, "store-12"));
        assertEquals(200, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ? AND resolution_id IS NOT "
                + "NULL AND status = 'APPLIED'", tenant), "one operation per conflict");
        assertEquals("OPEN", api.get("/api/v1/conflicts/" + other, person("operator")).json().getString("status"),
                "outside the filter");

        Api.Reply merged = api.post("/api/v1/conflicts/resolution", person("operator"),
                Json.createObjectBuilder().add("action", "APPLY_MERGED").build());
        assertEquals(400, merged.status());
    }

    @Test
    void onlyOperatorsAndAdminsResolveAndOnlyInTheirTenant() {
        Api api = api();
        String[] conflict = staleEdit(api, "till-f", 1);
        String path = "/api/v1/conflicts/" + conflict[1] + "/resolution";
        assertEquals(403, api.post(path, device("till-f"), action("DISCARD")).status());
        assertEquals(403, api.post(path, person("auditor"), action("DISCARD")).status());
        String stranger = SyncStack.get().token("t-other-" + Ops.id(), "operator", null);
        Api.Reply foreign = api.post(path, stranger, action("DISCARD"));
        assertEquals(404, foreign.status());
        assertTrue(!foreign.body().contains(conflict[0]), "no byte of the other tenant's data");
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_conflict_resolution WHERE conflict_id = ?",
                conflict[1]));
        assertEquals(202, api.post(path, person("admin"), action("DISCARD")).status());
    }
}
