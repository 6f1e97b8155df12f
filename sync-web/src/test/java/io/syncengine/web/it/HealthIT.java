package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile Health on the real stack: readiness goes DOWN (503) when the broker or the database goes away and
 * comes back UP by itself when they return, and the server then applies operations again; liveness and startup.
 */
class HealthIT extends SyncTestBase {

    private static final Duration OUTAGE_NOTICED = Duration.ofSeconds(30);
    private static final Duration RECOVERED = Duration.ofSeconds(90);

    private Probe probe() {
        return new Probe(uri("/"));
    }

    @Test
    void livenessStartupAndReadinessAreUpWhenEverythingIs() {
        Probe.Answer ready = probe().await("health/ready", a -> a.status() == 200, RECOVERED);
        JsonObject checks = checks(ready);
        assertEquals("UP", checks.getJsonObject("database").getString("status"));
        assertEquals("UP", checks.getJsonObject("broker").getString("status"));
        assertEquals("UP", checks.getJsonObject("application").getString("status"), "the readiness gate");
        JsonObject consumers = checks.getJsonObject("apply-consumers");
        assertEquals("UP", consumers.getString("status"));
        assertTrue(number(consumers, "consumers") > 0, consumers.toString());

        Probe.Answer live = probe().get("health/live");
        assertEquals(200, live.status(), live.body());
        assertEquals(0, number(checks(live).getJsonObject("process"), "deadlockedThreads"));
        Probe.Answer started = probe().get("health/started");
        assertEquals(200, started.status(), started.body());
        assertEquals("UP", checks(started).getJsonObject("schema").getString("status"));
        assertEquals("UP", checks(started).getJsonObject("application").getString("status"));
    }

    /**
     * While Payara Micro started, readiness and startup were never UP without the application's own checks: DOWN
     * (the readiness gate's "application" check, or Payara's "No Application deployed") until the database, broker
     * and schema checks were registered and said UP. Payara alone said UP with an empty list for seconds, from the
     * moment the resource adapter had deployed until the application registered its checks.
     */
    @Test
    void neitherReadyNorStartedBeforeTheApplicationHasStarted() throws Exception {
        List<StartupWatch.Seen> answers = SyncStack.get().startup().answers(RECOVERED);
        for (StartupWatch.Seen answer : answers) {
            if (answer.status() != 200) {
                continue;
            }
            JsonObject checks = checks(new Probe.Answer(answer.status(), answer.body()));
            List<String> required = answer.path().equals("health/ready")
                    ? List.of("application", "database", "broker") : List.of("application", "schema");
            for (String name : required) {
                assertTrue(checks.containsKey(name), answer.path() + " was UP without its " + name
                        + " check: " + answer.body());
                assertEquals("UP", checks.getJsonObject(name).getString("status"), answer.body());
            }
        }
        // And the watch did see the server while it started, not only once it was ready.
        assertTrue(answers.stream().anyMatch(a -> a.status() == 503 && a.path().equals("health/ready")),
                "no DOWN readiness among " + answers.size() + " answers");
    }

    /** The broker stops: not ready (no consumers, no broker); it starts again: ready, and operations apply. */
    @Test
    void readinessFollowsTheBroker() throws Exception {
        probe().await("health/ready", a -> a.status() == 200, RECOVERED);
        SyncStack.get().stopBroker();
        try {
            Probe.Answer down = probe().await("health/ready", a -> a.status() == 503, OUTAGE_NOTICED);
            JsonObject checks = checks(down);
            assertEquals("DOWN", checks.getJsonObject("apply-consumers").getString("status"), down.body());
            assertEquals("DOWN", checks.getJsonObject("broker").getString("status"), down.body());
            assertEquals("UP", checks.getJsonObject("database").getString("status"), down.body());
            assertEquals(200, probe().get("health/live").status(), "an outage is no reason to restart the server");

            // A push meanwhile is refused at once, and nothing of it is kept: the terminal keeps it and retries.
            JsonObject batch = Ops.batch("till-during-outage", List.of(
                    Ops.create(1, "category", Ops.id(), Ops.category("during the outage"))));
            long started = System.nanoTime();
            Api.Reply refused = api().post(Api.BATCHES, device("till-during-outage"), batch);
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(15).toNanos(), "answered without waiting");
            Problems.assertProblem(refused, 503);
            assertEquals(0, Sql.count("SELECT count(*) FROM sync_batch WHERE tenant = ? AND batch_id = ?", tenant,
                    batch.getString("batchId")));
        } finally {
            SyncStack.get().startBroker();
        }
        probe().await("health/ready", a -> a.status() == 200, RECOVERED);
        assertOperationsApply("till-after-broker");
    }

    /**
     * The database refuses every connection of the application's (its connections are ended and new ones are not
     * allowed, as when PostgreSQL is stopped or unreachable): not ready; it allows them again: ready by itself, and
     * operations apply.
     */
    @Test
    void readinessFollowsTheDatabase() throws Exception {
        probe().await("health/ready", a -> a.status() == 200, RECOVERED);
        String database = SyncStack.get().databaseName();
        try (Connection c = SyncStack.get().serverDatabase(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS false");
            try {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND pid <> pg_backend_pid()");
                Probe.Answer down = probe().await("health/ready", a -> a.status() == 503, OUTAGE_NOTICED);
                JsonObject checks = checks(down);
                assertEquals("DOWN", checks.getJsonObject("database").getString("status"), down.body());
                assertEquals("UP", checks.getJsonObject("broker").getString("status"), down.body());
            } finally {
                s.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS true");
            }
        }
        probe().await("health/ready", a -> a.status() == 200, RECOVERED);
        assertOperationsApply("till-after-database");
    }

    private void assertOperationsApply(String deviceId) {
        JsonObject status = api().pushAndSettle(device(deviceId), Ops.batch(deviceId, List.of(
                Ops.create(1, "category", Ops.id(), Ops.category("after the outage")))));
        assertEquals(1, status.getJsonObject("counts").getInt("APPLIED"), status.toString());
    }

    /** A number in a check's data (Payara writes them as strings). */
    private static long number(JsonObject check, String name) {
        var value = check.getJsonObject("data").get(name);
        return Long.parseLong(value.toString().replace("\"", ""));
    }

    /** The checks of a health answer, by name. */
    private static JsonObject checks(Probe.Answer answer) {
        var builder = Json.createObjectBuilder();
        Json.createReader(new StringReader(answer.body())).readObject().getJsonArray("checks")
                .getValuesAs(JsonObject.class).forEach(check -> builder.add(check.getString("name"), check));
        return builder.build();
    }
}
