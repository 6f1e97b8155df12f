package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncengine.web.it.Endpoints.Kind;
import io.syncengine.web.it.Endpoints.Roles;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tenant A makes real objects of every kind — applied, rejected and failed operations, conflicts (one resolved by a
 * bulk job, one open), a device — and tenant B's operator, admin and device (which even has A's device id) then call
 * every endpoint of {@link Endpoints} with A's ids: what addresses an object by id is 404, lists and pulls show not
 * one of A's ids or values, and writes act on B's own data only and leave A's as it was.
 */
class TenantIsolationIT extends SyncTestBase {

    /** Tenant A's objects, and every string of A's that must never reach B. */
    private record TenantA(Endpoints.Target target, JsonObject firstBatch, Set<String> secrets, String openConflict,
            String failedOp) {
    }

    private TenantA tenantA() {
        Api api = api();
        String mark = Ops.id();
        String till = "a-till-" + Ops.id();
        String token = device(till);
        String category = "a-cat-" + Ops.id();
        String product = "a-prod-" + Ops.id();
        String rejected = "a-gadget-" + Ops.id();
        JsonObject first = Ops.batch(till, List.of(
                Ops.create(1, "category", category, Ops.category("A secret " + mark)),
                Ops.create(2, "product", product, Ops.product("SKU-" + mark, "A product " + mark, "4.56", 5)),
                Ops.create(3, "gadget", rejected, Ops.category("A rejected " + mark))));
        JsonObject settled = api.pushAndSettle(token, first);
        assertEquals(2, settled.getJsonObject("counts").getInt("APPLIED"), settled.toString());
        assertEquals(1, settled.getJsonObject("counts").getInt("REJECTED"), settled.toString());

        JsonObject stale = Ops.batch(till, List.of(
                Ops.update(4, "category", category, 7, Ops.category("A stale " + mark)),
                Ops.update(5, "product", product, 7, Json.createObjectBuilder().add("name", "A stale " + mark)
                        .build())));
        assertEquals(2, api.pushAndSettle(token, stale).getJsonObject("counts").getInt("CONFLICT"));

        String failing = "a-fail-" + Ops.id();
        JsonObject failed = Ops.batch(till, List.of(Ops.create(6, "category", failing, Ops.category("A failed "
                + mark))));
        Sql.execute("CREATE OR REPLACE FUNCTION refuse_a_fail() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.id LIKE 'a-fail-%' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        Sql.execute("CREATE TRIGGER refuse_a_fail BEFORE INSERT ON category FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_a_fail()");
        try {
            api.push(token, failed);
            JsonObject status = api.awaitSettled(token, failed.getString("batchId"));
            assertEquals(1, status.getJsonObject("counts").getInt("FAILED"), status.toString());
        } finally {
            Sql.execute("DROP TRIGGER IF EXISTS refuse_a_fail ON category");
        }
        String failedOp = failed.getJsonArray("operations").getJsonObject(0).getString("opId");
        assertEquals(200, api.get("/api/v1/sync/changes", token).status(), "the device has pulled too");

        String operator = person("operator");
        Api.Reply job = api.post("/api/v1/conflicts/resolution", operator, Json.createObjectBuilder()
                .add("action", "ACCEPT_SERVER").add("comment", "A comment " + mark)
                .add("filter", Json.createObjectBuilder().add("deviceId", till).add("entity", "category")).build());
        assertEquals(202, job.status(), job.body());
        String jobId = job.json().getString("jobId");
        JsonObject done = api.get("/api/v1/conflicts/resolution-jobs/" + jobId + "?waitSeconds=30", operator).json();
        assertEquals(1, done.getJsonNumber("resolved").longValue(), done.toString());
        JsonObject open = api.get("/api/v1/conflicts?status=OPEN", operator).json().getJsonArray("conflicts")
                .getJsonObject(0);
        String resolved = api.get("/api/v1/conflicts?status=RESOLVED", operator).json().getJsonArray("conflicts")
                .getJsonObject(0).getString("id");

        Set<String> secrets = new LinkedHashSet<>(List.of(tenant, mark, till, category, product, rejected, failing,
                failedOp, jobId, open.getString("id"), resolved, first.getString("batchId"),
                stale.getString("batchId"), failed.getString("batchId")));
        for (JsonObject batch : List.of(first, stale, failed)) {
            batch.getJsonArray("operations").getValuesAs(JsonObject.class).forEach(op -> secrets.add(op.getString(
                    "opId")));
        }
        return new TenantA(new Endpoints.Target(till, first.getString("batchId"), first.toString(),
                open.getString("id"), jobId, failedOp), first, secrets, open.getString("id"), failedOp);
    }

    @Test
    void tenantBSeesNothingOfTenantAAndChangesNothingOfIt() {
        TenantA a = tenantA();
        long aOperations = Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ?", tenant);
        long aResolutions = Sql.count("SELECT count(*) FROM sync_conflict_resolution WHERE tenant = ?", tenant);
        long aJobs = Sql.count("SELECT count(*) FROM sync_resolution_job WHERE tenant = ?", tenant);

        String b = "t-b-" + Ops.id();
        Map<String, String> tokensOfB = new LinkedHashMap<>();
        tokensOfB.put("B's operator", SyncStack.get().token(b, Roles.OPERATOR, null));
        tokensOfB.put("B's admin", SyncStack.get().token(b, Roles.ADMIN, null));
        tokensOfB.put("B's auditor", SyncStack.get().token(b, Roles.AUDITOR, null));
        tokensOfB.put("B's device with A's device id", SyncStack.get().token(b, Roles.DEVICE, a.target().deviceId()));

        List<String> wrong = new ArrayList<>();
        // What B has sent so far (paths, bodies, its device's id): B may see its own input again in B's answers.
        StringBuilder sentByB = new StringBuilder();
        Api api = api();
        // Reads by id first, then lists, then writes: a list (a device's pull) or a write makes B's own objects,
        // which B may then see; A's ids must be 404 to B while B has nothing of its own under them.
        for (int phase = 0; phase < 3; phase++) {
            for (Endpoints endpoint : Endpoints.values()) {
                if (phase(endpoint) != phase) {
                    continue;
                }
                for (Map.Entry<String, String> caller : tokensOfB.entrySet()) {
                    List<Endpoints.Request> requests = new ArrayList<>(List.of(endpoint.request(a.target())));
                    if (endpoint == Endpoints.OPERATIONS) {
                        for (String status : List.of("PENDING", "APPLIED", "CONFLICT", "REJECTED", "FAILED")) {
                            requests.add(new Endpoints.Request("GET", "/api/v1/operations?status=" + status, null));
                        }
                    }
                    if (endpoint == Endpoints.AUDIT_OPERATIONS || endpoint == Endpoints.AUDIT_EVENTS) {
                        requests.add(new Endpoints.Request("GET", endpoint.template + "?batchId="
                                + a.target().batchId(), null));
                        requests.add(new Endpoints.Request("GET", endpoint.template, null));
                    }
                    if (endpoint == Endpoints.CONFLICTS) {
                        requests.add(new Endpoints.Request("GET", "/api/v1/conflicts?status=RESOLVED", null));
                        requests.add(new Endpoints.Request("GET", "/api/v1/conflicts?deviceId="
                                + a.target().deviceId(), null));
                    }
                    for (Endpoints.Request request : requests) {
                        sentByB.append(request.path()).append(' ').append(request.body()).append(' ');
                        if (caller.getKey().contains("device")) {
                            sentByB.append(a.target().deviceId()).append(' ');
                        }
                        String problem = check(api, endpoint, caller.getKey(), caller.getValue(), request, a,
                                sentByB.toString());
                        if (problem != null) {
                            wrong.add(endpoint + " " + request.path() + " as " + caller.getKey() + ": " + problem);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);

        assertEquals(aOperations, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ?", tenant));
        assertEquals(aResolutions, Sql.count("SELECT count(*) FROM sync_conflict_resolution WHERE tenant = ?",
                tenant));
        assertEquals(aJobs, Sql.count("SELECT count(*) FROM sync_resolution_job WHERE tenant = ?", tenant));
        assertEquals("OPEN", Sql.value("SELECT status FROM sync_conflict WHERE id = ?", a.openConflict()));
        assertEquals("FAILED", Sql.value("SELECT status FROM sync_operation WHERE tenant = ? AND op_id = ?", tenant,
                a.failedOp()));
        assertEquals(a.firstBatch().getJsonArray("operations").size(), Sql.count(
                "SELECT count(*) FROM sync_operation WHERE tenant = ?", b), "B's replay of A's batch is B's own");
    }

    private static int phase(Endpoints endpoint) {
        if (endpoint.method.equals("POST")) {
            return 2;
        }
        return endpoint.kind == Kind.BY_ID ? 0 : 1;
    }

    /** What is wrong with B's call, or null. */
    private static String check(Api api, Endpoints endpoint, String who, String token, Endpoints.Request request,
            TenantA a, String sent) {
        Api.Reply reply = api.call(request.method(), request.path(), token, request.body(),
                request.body() == null ? Map.of() : Map.of("Content-Type", "application/json"));
        String role = who.contains("device") ? Roles.DEVICE : who.contains("admin") ? Roles.ADMIN
                : who.contains("auditor") ? Roles.AUDITOR : Roles.OPERATOR;
        if (!endpoint.roles.contains(role)) {
            return reply.status() == 403 ? null : "expected 403 (role), got " + reply.status() + " " + reply.body();
        }
        for (String secret : a.secrets()) {
            if (!sent.contains(secret) && reply.body().contains(secret)) {
                return "the answer shows A's " + secret + ": " + reply.body();
            }
        }
        int expected = switch (endpoint.kind) {
            case BY_ID -> 404;
            case LIST, STREAM -> 200;
            case WRITE -> endpoint == Endpoints.PUSH ? 202 : endpoint == Endpoints.RESOLVE_ALL ? 202 : 200;
        };
        if (reply.status() != expected) {
            return "expected " + expected + ", got " + reply.status() + " " + reply.body();
        }
        if (expected >= 400) {
            Problems.assertProblem(reply, expected);
        }
        if (endpoint == Endpoints.RESOLVE_ALL && reply.json().getInt("submitted") != 0) {
            return "B's bulk resolution matched something: " + reply.body();
        }
        if (endpoint == Endpoints.REDRIVE_ALL && reply.json().getInt("redriven") != 0) {
            return "B's bulk re-drive matched something: " + reply.body();
        }
        assertTrue(reply.status() < 500);
        return null;
    }
}
