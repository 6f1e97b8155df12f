package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's log lets a support engineer follow one receipt: a line for the push, a line per operation outcome,
 * each with tenant, device, batch and op ids — and never a payload or a token.
 */
class LogsIT extends SyncTestBase {

    @Test
    void oneReceiptCanBeFollowedFromPushToEachOutcome() throws Exception {
        String till = "till-log";
        String secret = "payload-" + Ops.id();
        String applied = Ops.id();
        JsonObject batch = Ops.batch(till, List.of(
                Ops.create(1, "category", applied, Ops.category(secret)),
                Ops.update(2, "category", applied, 9, Ops.category(secret + "-stale"))));
        String token = device(till);
        JsonObject settled = api().pushAndSettle(token, batch);
        assertEquals(1, settled.getJsonObject("counts").getInt("APPLIED"), settled.toString());
        assertEquals(1, settled.getJsonObject("counts").getInt("CONFLICT"), settled.toString());
        String batchId = batch.getString("batchId");
        String firstOp = batch.getJsonArray("operations").getJsonObject(0).getString("opId");
        String secondOp = batch.getJsonArray("operations").getJsonObject(1).getString("opId");

        List<String> lines = awaitLines("batch=" + batchId, 4);
        assertTrue(lines.stream().anyMatch(l -> l.contains("POST sync/batches 202") && l.contains("tenant=" + tenant)
                && l.contains("device=" + till) && l.contains("received=2")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("operation APPLIED") && l.contains("op=" + firstOp)
                && l.contains("entityId=" + applied) && l.contains("version=1")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("operation CONFLICT") && l.contains("op=" + secondOp)
                && l.contains("conflict=")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("GET sync/batches/" + batchId)),
                "the status reads are logged too");

        String log = String.join("\n", SyncStack.get().serverLog());
        assertFalse(log.contains(secret), "no payload in the log");
        assertFalse(log.contains(token), "no token in the log");
        assertFalse(log.contains(token.substring(token.lastIndexOf('.') + 1)), "not even a token's signature");
    }

    /** Waits until the log holds {@code count} lines with {@code text}: the log is written a moment after. */
    private static List<String> awaitLines(String text, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<String> lines = SyncStack.get().serverLog().stream().filter(l -> l.contains(text)).toList();
            if (lines.size() >= count || System.nanoTime() > deadline) {
                return lines;
            }
            Thread.sleep(100);
        }
    }
}
