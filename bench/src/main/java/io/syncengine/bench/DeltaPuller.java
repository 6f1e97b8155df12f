package io.syncengine.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A terminal that keeps itself up to date while the others push ({@code --delta-pulls}): what a till does between
 * sales to get the prices and stock that the back office and the other tills changed, and what must stay fast
 * while the server is busy applying. In a thread of its own during the measured push phase, as device
 * {@value SnapshotPull#DEVICE_ID} of the measured tenant, it pulls a snapshot ({@value #LIMIT} a page) until
 * {@code hasMore} is false, for a cursor, then delta pages from that cursor until the push phase and the apply
 * phase have finished. Each delta request is timed from sending it to the last byte of its answer, the wait a till
 * sees; the snapshot is not timed, a till makes it once. The first failed request ends the pulling, and the
 * report says why.
 */
final class DeltaPuller {

    /** Changes a page: the server's default, what a terminal keeping up asks for. */
    static final int LIMIT = 500;
    /**
     * The pause after a page with nothing more behind it. Without it this would be a busy loop: empty pages asked
     * for back to back, a server thread and much of a core spent on them, on the 2 cores being measured. A till
     * pulls no more often than that either.
     */
    private static final long IDLE_PAUSE_MILLIS = 100;
    /** How long {@link #stop} waits for a request under way: its timeout, and a little. */
    private static final long STOP_PATIENCE_MILLIS = SnapshotPull.PAGE_TIMEOUT.toMillis() + 5_000;

    /**
     * What the pulling came to.
     *
     * @param latency of the delta requests, sending to last byte
     * @param changes changes the delta pages brought
     * @param error   why the pulling stopped before it was told to, or null
     */
    record Result(Percentiles latency, long changes, String error) {
    }

    private final SyncClient client;
    private final String token;
    private final Deadline deadline;
    private final Thread thread;
    private final List<Long> latencies = new ArrayList<>();
    private volatile boolean stopping;
    private long changes;
    private String error;

    private DeltaPuller(SyncClient client, String token, Deadline deadline) {
        this.client = client;
        this.token = token;
        this.deadline = deadline;
        this.thread = new Thread(this::pullUntilStopped, "bench-delta-puller");
        this.thread.setDaemon(true);
    }

    /** Starts pulling with {@code token}, a device token of the tenant being pushed to. */
    static DeltaPuller start(SyncClient client, String token, Deadline deadline) {
        DeltaPuller puller = new DeltaPuller(client, token, deadline);
        puller.thread.start();
        return puller;
    }

    /** Lets the request under way finish, then returns what was measured. */
    Result stop() throws InterruptedException {
        stopping = true;
        thread.join(STOP_PATIENCE_MILLIS);
        thread.interrupt();
        synchronized (this) {
            return new Result(Percentiles.of(latencies), changes, error);
        }
    }

    private void pullUntilStopped() {
        try {
            SnapshotPull.Result snapshot = SnapshotPull.run(client, token, LIMIT, deadline);
            if (snapshot.error() != null) {
                fail("snapshot: " + snapshot.error());
                return;
            }
            String cursor = snapshot.cursor();
            while (!stopping && !deadline.expired()) {
                long sent = System.nanoTime();
                SyncClient.ChangePage page = client.changes(token, SnapshotPull.ENTITIES, cursor, LIMIT,
                        deadline.bound(SnapshotPull.PAGE_TIMEOUT));
                pulled(System.nanoTime() - sent, page.changes());
                cursor = page.cursor();
                if (!page.hasMore()) {
                    Thread.sleep(IDLE_PAUSE_MILLIS);
                }
            }
        } catch (IOException e) {
            fail("delta pull " + (pulls() + 1) + ": "
                    + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            // stop() gave up waiting for the request under way; what was measured until then stands.
        }
    }

    private synchronized void pulled(long nanos, long pageChanges) {
        latencies.add(nanos);
        changes += pageChanges;
    }

    private synchronized int pulls() {
        return latencies.size();
    }

    private synchronized void fail(String why) {
        error = why;
    }
}
