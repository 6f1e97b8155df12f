package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FAILED operations, listed and re-driven by an operator once the cause is fixed: each applies once, and nothing
 * of it is left on the dead-letter queue.
 */
class RedriveIT extends SyncTestBase {

    private static final String DEAD_LETTERS = "sync.operations.dlq";

    /** Makes the database refuse categories whose id starts with {@code prefix} (the "bug" an operator fixes). */
    private static void refuse(String prefix) {
        Sql.execute("CREATE OR REPLACE FUNCTION refuse_" + prefix + "() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.id LIKE '" + prefix + "-%' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        Sql.execute("CREATE TRIGGER refuse_" + prefix + " BEFORE INSERT ON category FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_" + prefix + "()");
    }

    private static void allow(String prefix) {
        Sql.execute("DROP TRIGGER IF EXISTS refuse_" + prefix + " ON category");
    }

    @Test
    void aFailedOperationIsListedAndAppliesOnceWhenReDriven() {
        Api api = api();
        String till = "till-rd";
        String categoryId = "redrive-" + Ops.id();
        JsonObject batch = Ops.batch(till, List.of(Ops.create(1, "category", categoryId, Ops.category("Spices"))));
        refuse("redrive");
        try {
            api.push(device(till), batch);
            JsonObject failed = api.awaitSettled(device(till), batch.getString("batchId"));
            assertEquals("FAILED", failed.getJsonArray("operations").getJsonObject(0).getString("status"));
        } finally {
            allow("redrive");
        }
        String opId = batch.getJsonArray("operations").getJsonObject(0).getString("opId");

        Api.Reply list = api.get("/api/v1/operations?status=FAILED&deviceId=" + till, person("auditor"));
        assertEquals(200, list.status(), list.body());
        JsonObject listed = list.json().getJsonArray("operations").getJsonObject(0);
        assertEquals(opId, listed.getString("opId"));
        assertTrue(listed.getString("lastError").contains("refused by test trigger"), listed.toString());

        assertEquals(403, api.post("/api/v1/operations/" + opId + "/redrive", person("auditor"),
                Json.createObjectBuilder().build()).status());
        Api.Reply redriven = api.post("/api/v1/operations/" + opId + "/redrive", person("operator"),
                Json.createObjectBuilder().build());
        assertEquals(200, redriven.status(), redriven.body());
        assertEquals(1, redriven.json().getInt("redrives"));

        JsonObject applied = api.awaitSettled(device(till), batch.getString("batchId"));
        assertEquals("APPLIED", applied.getJsonArray("operations").getJsonObject(0).getString("status"),
                applied.toString());
        assertEquals(1, Sql.count("SELECT count(*) FROM category WHERE tenant = ? AND id = ?", tenant, categoryId));
        assertEquals(0, SyncStack.get().broker().queue(DEAD_LETTERS).getMessageCount(),
                "the dead-letter queue holds nothing of it");

        Api.Reply again = api.post("/api/v1/operations/" + opId + "/redrive", person("operator"),
                Json.createObjectBuilder().build());
        assertEquals(409, again.status(), "only FAILED operations can be re-driven");
        assertEquals(404, api.post("/api/v1/operations/no-such-op/redrive", person("operator"),
                Json.createObjectBuilder().build()).status());
    }

    @Test
    void aBulkReDriveTakesEveryFailedOperationOfTheDeviceInOrder() {
        Api api = api();
        String till = "till-bulk";
        JsonObject batch = Ops.batch(till, List.of(
                Ops.create(1, "category", "bulkfail-" + Ops.id(), Ops.category("One")),
                Ops.create(2, "category", "bulkfail-" + Ops.id(), Ops.category("Two"))));
        refuse("bulkfail");
        try {
            api.push(device(till), batch);
            JsonObject failed = api.awaitSettled(device(till), batch.getString("batchId"));
            assertEquals(2, failed.getJsonObject("counts").getInt("FAILED"), failed.toString());
        } finally {
            allow("bulkfail");
        }
        Api.Reply redriven = api.post("/api/v1/operations/redrive", person("admin"),
                Json.createObjectBuilder().add("deviceId", till).build());
        assertEquals(200, redriven.status(), redriven.body());
        assertEquals(2, redriven.json().getInt("redriven"));
        assertFalse(redriven.json().getBoolean("hasMore"));
        JsonObject applied = api.awaitSettled(device(till), batch.getString("batchId"));
        assertEquals(2, applied.getJsonObject("counts").getInt("APPLIED"), applied.toString());
        assertEquals(0, api.get("/api/v1/operations?status=FAILED&deviceId=" + till, person("operator")).json()
                .getJsonArray("operations").size());
    }
}
