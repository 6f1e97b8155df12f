package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.activemq.artemis.core.server.Queue;
import org.junit.jupiter.api.Test;

/** Device status as the server learns it from pushes and pulls, and who may read it. */
class DeviceStatusIT extends SyncTestBase {

    private static JsonObject at(JsonObject op, Instant clientTime) {
        return Json.createObjectBuilder(op).add("clientTime", clientTime.toString()).build();
    }

    /** The device's status once it shows {@code cursor} as the last pull's; fails after ten seconds. */
    private JsonObject awaitLastCursor(Api api, String deviceId, String cursor) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonObject status = api.get("/api/v1/devices/" + deviceId + "/status", person("auditor")).json();
            if (cursor.equals(status.getString("lastCursor", null))) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the last pull's cursor was never recorded: " + status);
            }
        }
    }

    @Test
    void statusNumbersMatchWhatTheDevicePostedAndPulled() {
        Api api = api();
        String till = "till-s";
        String token = device(till);
        String category = Ops.id();
        Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        // seq 1, 2, 5, then 6 and 9: gaps 3-4 and 7-8.
        api.pushAndSettle(token, Ops.batch(till, List.of(
                at(Ops.create(1, "category", category, Ops.category("A")), hourAgo),
                at(Ops.update(2, "category", category, 1, Ops.category("B")), hourAgo),
                at(Ops.update(5, "category", category, 1, Ops.category("stale")), hourAgo))));
        Queue queue = SyncStack.get().broker().queue("sync.operations");
        queue.pause();
        String waiting;
        try {
            // This device's clock runs two minutes ahead.
            Instant ahead = Instant.now().plus(2, ChronoUnit.MINUTES);
            waiting = api.push(token, Ops.batch(till, List.of(
                    at(Ops.create(6, "category", Ops.id(), Ops.category("C")), ahead.minusSeconds(1)),
                    at(Ops.create(9, "category", Ops.id(), Ops.category("D")), ahead)))).getString("batchId");
            JsonObject status = api.get("/api/v1/devices/" + till + "/status", token).json();
            assertEquals(2, status.getInt("pending"), status.toString());
            assertEquals(1, status.getInt("openConflicts"));
            assertEquals(0, status.getInt("failed"));
            assertEquals(9, status.getInt("highestSeq"));
            assertEquals(waiting, status.getString("lastBatchId"));
            assertEquals(4, status.getInt("missing"));
            assertEquals(List.of(List.of(3, 4), List.of(7, 8)), status.getJsonArray("gaps")
                    .getValuesAs(JsonObject.class).stream()
                    .map(g -> List.of(g.getInt("from"), g.getInt("to"))).toList());
        } finally {
            queue.resume();
        }
        api.awaitSettled(token, waiting);

        Api.Reply pulled = api.get("/api/v1/sync/changes?entities=category", token);
        assertEquals(200, pulled.status());
        // The pull is recorded once its answer has ended, in a transaction of its own.
        JsonObject status = awaitLastCursor(api, till, pulled.json().getString("cursor"));
        assertEquals(0, status.getInt("pending"), status.toString());
        assertTrue(status.containsKey("lastPullAt"));
        long skew = status.getJsonNumber("clockSkewMs").longValue();
        assertTrue(skew < -110_000 && skew > -125_000, "about two minutes ahead: " + skew);

        // A device reads only its own status; people of the tenant read any; devices do not list.
        assertEquals(403, api.get("/api/v1/devices/" + till + "/status", device("till-other")).status());
        assertEquals(404, api.get("/api/v1/devices/never-seen/status", person("operator")).status());
        assertEquals(403, api.get("/api/v1/devices", token).status());
    }

    @Test
    void theListFiltersByOpenConflictsAndStaleness() {
        Api api = api();
        String product = Ops.id();
        api.pushAndSettle(device("till-x"), Ops.batch("till-x", List.of(
                Ops.create(1, "product", product, Ops.product("X", "X", "1.00", 1)))));
        api.pushAndSettle(device("till-y"), Ops.batch("till-y", List.of(
                Ops.update(1, "product", product, 7, Json.createObjectBuilder().add("name", "Y").build()))));
        String operator = person("operator");

        JsonObject all = api.get("/api/v1/devices", operator).json();
        assertEquals(List.of("till-x", "till-y"), all.getJsonArray("devices").getValuesAs(JsonObject.class).stream()
                .map(d -> d.getString("deviceId")).toList());
        JsonObject conflicted = api.get("/api/v1/devices?hasOpenConflicts=true", operator).json();
        assertEquals(List.of("till-y"), conflicted.getJsonArray("devices").getValuesAs(JsonObject.class).stream()
                .map(d -> d.getString("deviceId")).toList());
        JsonObject stale = api.get("/api/v1/devices?staleSince=" + Instant.now().minus(1, ChronoUnit.HOURS),
                operator).json();
        assertEquals(0, stale.getJsonArray("devices").size());
        JsonObject paged = api.get("/api/v1/devices?limit=1", operator).json();
        assertEquals(1, paged.getJsonArray("devices").size());
        JsonObject next = api.get("/api/v1/devices?limit=1&cursor=" + paged.getString("cursor"), operator).json();
        assertEquals("till-y", next.getJsonArray("devices").getJsonObject(0).getString("deviceId"));
        assertEquals(400, api.get("/api/v1/devices?hasFailedOps=maybe", operator).status());
    }
}
