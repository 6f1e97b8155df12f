package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conflict table as reviewers read it: every conflict type the write path produces, filters and paging. */
class ConflictQueryIT extends SyncTestBase {

    @Test
    void everyConflictTypeIsRecordedAndListedNewestFirstInPages() {
        Api api = api();
        String token = device("till-q");
        String category = Ops.id();
        String deleted = Ops.id();
        String product = Ops.id();
        api.pushAndSettle(token, Ops.batch("till-q", List.of(
                Ops.create(1, "category", category, Ops.category("Dairy")),
                Ops.create(2, "category", deleted, Ops.category("Old")),
                Ops.delete(3, "category", deleted, 1),
                Ops.create(4, "product", product, Ops.product("MILK", "Milk", "0.99", 3)))));

        JsonObject status = api.pushAndSettle(token, Ops.batch("till-q", List.of(
                Ops.update(5, "category", deleted, 2, Ops.category("Revived")),
                Ops.update(6, "category", Ops.id(), 1, Ops.category("Ghost")),
                Ops.create(7, "category", category, Ops.category("Not dairy")),
                Ops.create(8, "category", category, Ops.category("Dairy")),
                Ops.create(9, "product", Ops.id(), Ops.product("MILK", "Other milk", "1.00", 1)),
                Ops.create(10, "category", Ops.id(), jakarta.json.Json.createObjectBuilder().add("name", "Child")
                        .add("parentId", "missing-parent").build()),
                Ops.delete(11, "customer", Ops.id(), 1))));

        List<String> statuses = new ArrayList<>();
        status.getJsonArray("operations").getValuesAs(JsonObject.class)
                .forEach(op -> statuses.add(op.getString("status")));
        assertEquals(List.of("CONFLICT", "CONFLICT", "CONFLICT", "APPLIED", "CONFLICT", "CONFLICT", "APPLIED"),
                statuses, status.toString());

        String reviewer = person("auditor");
        List<String> types = new ArrayList<>();
        String cursor = null;
        do {
            Api.Reply page = api.get("/api/v1/conflicts?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    reviewer);
            assertEquals(200, page.status(), page.body());
            JsonObject json = page.json();
            assertTrue(json.getJsonArray("conflicts").size() <= 2);
            json.getJsonArray("conflicts").getValuesAs(JsonObject.class).forEach(c -> types.add(c.getString("type")));
            cursor = json.containsKey("cursor") ? json.getString("cursor") : null;
        } while (cursor != null);
        assertEquals(List.of("REFERENCE_MISSING", "DUPLICATE_SKU", "ID_COLLISION", "NOT_FOUND", "DELETED_ON_SERVER"),
                types, "newest first");

        Api.Reply filtered = api.get("/api/v1/conflicts?type=NOT_FOUND&deviceId=till-q&status=OPEN&entity=category",
                reviewer);
        assertEquals(1, filtered.json().getJsonArray("conflicts").size(), filtered.body());
        assertFalse(filtered.json().containsKey("cursor"));

        Api.Reply invalid = api.get("/api/v1/conflicts?type=NOPE&limit=0", reviewer);
        assertEquals(400, invalid.status());
        assertEquals(2, invalid.json().getJsonArray("errors").size());

        String id = api.get("/api/v1/conflicts?type=DELETED_ON_SERVER", reviewer).json().getJsonArray("conflicts")
                .getJsonObject(0).getString("id");
        String stranger = SyncStack.get().token("t-" + Ops.id(), "admin", null);
        assertEquals(404, api.get("/api/v1/conflicts/" + id, stranger).status());
        assertEquals(0, api.get("/api/v1/conflicts", stranger).json().getJsonArray("conflicts").size());
    }
}
