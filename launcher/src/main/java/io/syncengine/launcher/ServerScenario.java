package io.syncengine.launcher;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One black-box REST scenario that any deployment of the server must pass, whatever runs it: a terminal pushes a
 * batch, the batch is applied, a stale update becomes a conflict that an operator sees, and a pull returns the
 * record. {@code sync-server server-check} runs it against the EAR on Payara Server, and {@code WritePathIT}
 * against the WAR on Payara Micro, so both are held to the very same calls and expectations.
 *
 * <p>It needs only the server's address and tokens it accepts; it works in a tenant of its own.
 */
public final class ServerScenario {

    /** The outcome of one step: what was checked, and on failure what was seen instead. */
    public record Step(String name, boolean passed, String detail) {

        @Override
        public String toString() {
            return (passed ? "PASS " : "FAIL ") + name + ": " + detail;
        }
    }

    /** The number of steps {@link #run} takes when every one passes. */
    public static final int STEPS = 4;

    private static final String BATCHES = "/api/v1/sync/batches";
    private static final String DEVICE = "till-1";
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String deviceToken;
    private final String operatorToken;
    private final String recordId = UUID.randomUUID().toString();

    /**
     * @param base   the server's root, e.g. {@code http://127.0.0.1:8080/}
     * @param issuer an issuer whose tokens the server accepts
     * @param tenant a tenant no one else uses
     */
    public ServerScenario(URI base, TokenIssuer issuer, String tenant) {
        this.base = base;
        this.deviceToken = issuer.mint(tenant, DEVICE, List.of("device"), DEVICE, Duration.ofMinutes(15));
        this.operatorToken = issuer.mint(tenant, "operator@" + tenant, List.of("operator"), null,
                Duration.ofMinutes(15));
    }

    /** Runs the steps in order and stops at the first that fails (each builds on the one before). */
    public List<Step> run() {
        String batchId = UUID.randomUUID().toString();
        Map<String, Supplier<Step>> checks = new LinkedHashMap<>();
        checks.put("push", () -> push(batchId));
        checks.put("apply", () -> applied(batchId));
        checks.put("conflict", this::conflict);
        checks.put("pull", this::pull);
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<String, Supplier<Step>> check : checks.entrySet()) {
            Step step;
            try {
                step = check.getValue().get();
            } catch (RuntimeException e) {
                step = new Step(check.getKey(), false, e.toString());
            }
            steps.add(step);
            if (!step.passed()) {
                break;
            }
        }
        return steps;
    }

    public static boolean allPassed(List<Step> steps) {
        return steps.size() == STEPS && steps.stream().allMatch(Step::passed);
    }

    /** A batch that creates a category and updates it is accepted with a receipt. */
    private Step push(String batchId) {
        Reply reply = post(BATCHES, deviceToken, batch(batchId, List.of(
                operation(1, "CREATE", null, "Fruit"),
                operation(2, "UPDATE", 1L, "Fresh fruit"))));
        if (reply.status() != 202 || reply.json().getInt("received", -1) != 2) {
            return new Step("push", false, "expected 202 with received = 2, got " + reply);
        }
        return new Step("push", true, "202, batch " + batchId + " received 2 operations");
    }

    /** Both operations are applied by the message-driven bean: versions 1 and 2. */
    private Step applied(String batchId) {
        JsonObject status = settled(batchId);
        var ops = status.getJsonArray("operations");
        boolean ok = status.getJsonObject("counts").getInt("APPLIED", 0) == 2
                && ops.getJsonObject(0).getInt("version", -1) == 1 && ops.getJsonObject(1).getInt("version", -1) == 2;
        return new Step("apply", ok, ok ? "both operations APPLIED, record at version 2"
                : "expected 2 APPLIED at versions 1 and 2, got " + status);
    }

    /** An update based on version 1, pushed after version 2, is a VERSION_MISMATCH conflict an operator lists. */
    private Step conflict() {
        String batchId = UUID.randomUUID().toString();
        Reply pushed = post(BATCHES, deviceToken, batch(batchId, List.of(operation(3, "UPDATE", 1L, "Vegetables"))));
        if (pushed.status() != 202) {
            return new Step("conflict", false, "the stale update was not accepted: " + pushed);
        }
        JsonObject op = settled(batchId).getJsonArray("operations").getJsonObject(0);
        if (!"CONFLICT".equals(op.getString("status", "")) || !op.containsKey("conflictId")) {
            return new Step("conflict", false, "expected status CONFLICT with a conflictId, got " + op);
        }
        String conflictId = op.getString("conflictId");
        Reply listed = get("/api/v1/conflicts?deviceId=" + DEVICE + "&status=OPEN", operatorToken);
        if (listed.status() != 200) {
            return new Step("conflict", false, "GET /api/v1/conflicts: " + listed);
        }
        for (JsonValue value : listed.json().getJsonArray("conflicts")) {
            JsonObject conflict = value.asJsonObject();
            if (conflictId.equals(conflict.getString("id", null))
                    && "VERSION_MISMATCH".equals(conflict.getString("type", null))
                    && recordId.equals(conflict.getString("entityId", null))) {
                return new Step("conflict", true, "stale update is CONFLICT " + conflictId
                        + " (VERSION_MISMATCH), listed at GET /api/v1/conflicts");
            }
        }
        return new Step("conflict", false, "conflict " + conflictId + " (VERSION_MISMATCH on " + recordId
                + ") not in GET /api/v1/conflicts: " + listed.body());
    }

    /** A snapshot pull returns the record as applied, not as the conflicting update wanted it. */
    private Step pull() {
        Reply reply = get("/api/v1/sync/changes?entities=category", deviceToken);
        if (reply.status() != 200) {
            return new Step("pull", false, "GET /api/v1/sync/changes: " + reply);
        }
        for (JsonValue value : reply.json().getJsonArray("changes")) {
            JsonObject change = value.asJsonObject();
            if (recordId.equals(change.getString("entityId", null))) {
                boolean ok = change.getInt("version", -1) == 2 && !change.getBoolean("deleted", true)
                        && "Fresh fruit".equals(change.getJsonObject("data").getString("name", null));
                return new Step("pull", ok, ok ? "snapshot has category " + recordId + " at version 2"
                        : "expected version 2 named 'Fresh fruit', got " + change);
            }
        }
        return new Step("pull", false, "category " + recordId + " missing from the snapshot: " + reply.body());
    }

    /** Long-polls the batch status (the server's own signal) until no operation is pending. */
    private JsonObject settled(String batchId) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Reply reply = get(BATCHES + "/" + batchId + "?waitSeconds=10", deviceToken);
            if (reply.status() != 200) {
                throw new IllegalStateException("batch status: " + reply);
            }
            JsonObject status = reply.json();
            if (status.getJsonObject("counts").getInt("PENDING", 0) == 0) {
                return status;
            }
        }
        throw new IllegalStateException("batch " + batchId + " still pending after " + SETTLE_TIMEOUT.toSeconds()
                + " s");
    }

    private JsonObject batch(String batchId, List<JsonObject> operations) {
        var ops = Json.createArrayBuilder();
        operations.forEach(ops::add);
        return Json.createObjectBuilder().add("deviceId", DEVICE).add("batchId", batchId).add("operations", ops)
                .build();
    }

    private JsonObject operation(long seq, String type, Long baseVersion, String name) {
        var op = Json.createObjectBuilder().add("opId", UUID.randomUUID().toString()).add("seq", seq)
                .add("entity", "category").add("entityId", recordId).add("type", type)
                .add("clientTime", "2026-11-21T09:58:00Z")
                .add("data", Json.createObjectBuilder().add("name", name));
        if (baseVersion != null) {
            op.add("baseVersion", baseVersion);
        }
        return op.build();
    }

    private record Reply(int status, String body) {

        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private Reply post(String path, String token, JsonObject body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(base.resolve(path.substring(1))).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
