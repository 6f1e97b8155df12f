package io.syncengine.bench;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The products every terminal of the sales mix sells, so that many tills contend for the same product rows as in
 * a shop. A back-office device creates them in each tenant before its terminals start, in one batch that is not
 * measured, and the bench waits until they have applied: a sale that overtook them would be a
 * {@code REFERENCE_MISSING} conflict the server is not to blame for. Their stock is so large that no run sells it
 * out, so a sale never conflicts either.
 */
final class SharedProducts {

    /** How many products the terminals share; pgbench's sale script contends on as many rows. */
    static final int COUNT = 20;
    /** Their price: what a sale line normally carries. */
    static final BigDecimal PRICE = new BigDecimal("1.00");
    /** Their stock when created. */
    static final long STOCK = 100_000_000;
    /** The device that creates them (a device token may act only as its own device). */
    static final String DEVICE_ID = "back-office";

    private SharedProducts() {
    }

    /**
     * Creates the products in the tenant of {@code token} and waits until they have applied.
     *
     * @return their ids
     */
    static List<String> create(SyncClient client, String token, Deadline deadline)
            throws BenchAborted, InterruptedException {
        DeviceOperations ops = new DeviceOperations(DEVICE_ID);
        List<String> ids = new ArrayList<>();
        JsonArrayBuilder creates = BenchJson.array();
        for (int i = 1; i <= COUNT; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            creates.add(ops.createProduct(id, "shared-" + i, "Shared product " + i, PRICE.toPlainString(), STOCK));
        }
        JsonArray operations = creates.build();

        SettleWatchers watcher = new SettleWatchers(client, 1, deadline);
        watcher.start();
        TerminalResult pushed = new Terminal(DEVICE_ID, token, batchId -> ops.batch(batchId, operations), 1, client,
                deadline, watcher::watch, Terminal.Pacing.BACK_TO_BACK, new Terminal.PreparedMemory()).call();
        List<BatchOutcome> outcomes = watcher.finish();
        if (pushed.error() != null) {
            throw new BenchAborted("could not create the shared products: " + pushed.error());
        }
        BatchOutcome outcome = outcomes.get(0);
        if (!outcome.settled()) {
            throw new BenchAborted("the shared products were not created: " + outcome.error());
        }
        StatusCounts counts = outcome.counts();
        if (counts.applied() != COUNT) {
            throw new BenchAborted("only " + counts.applied() + " of the " + COUNT + " shared products applied ("
                    + counts.conflict() + " conflicts, " + counts.rejected() + " rejected, " + counts.failed()
                    + " failed; see batch " + outcome.batch().batchId() + " of device " + DEVICE_ID + ")");
        }
        return List.copyOf(ids);
    }
}
