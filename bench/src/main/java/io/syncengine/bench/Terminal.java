package io.syncengine.bench;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One device pushing its batches: back to back (the next POST goes out as soon as the previous one got its 202,
 * which is the most a single till can ask of the server), or on a schedule ({@link Pacing}), each batch timed from
 * the moment it was due. The thread never waits for operations to apply; that is the {@link SettleWatchers}' job,
 * so accept latency is measured without the apply path in the loop.
 *
 * <p>Every batch is built and serialised when the terminal is made, before the phase's clock starts: a till
 * builds its batches on its own hardware, so the bench's JSON work must not take the cores the server shares with it.
 *
 * <p>A 429, a 503 or a lost connection is retried with the same batch a few times, as a terminal would (the
 * server answers a repeated batch idempotently); any other answer stops this terminal.
 */
final class Terminal implements Callable<TerminalResult> {

    private static final int MAX_ATTEMPTS = 4;
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(60);
    private static final long BACKOFF_MILLIS = 500;

    private final String deviceId;
    private final String token;
    private final List<PreparedBatch> batches;
    private final SyncClient client;
    private final Deadline deadline;
    private final Consumer<AcceptedBatch> accepted;
    private final Pacing pacing;
    private long acceptedAt;
    private int retries;

    /**
     * @param memory what the prepared batches of all terminals may take together
     * @throws BenchAborted when this terminal's batches would go over {@code memory}
     */
    Terminal(String deviceId, String token, TerminalWorkload workload, int batches, SyncClient client,
            Deadline deadline, Consumer<AcceptedBatch> accepted, Pacing pacing, PreparedMemory memory)
            throws BenchAborted {
        this.deviceId = deviceId;
        this.token = token;
        this.batches = prepare(workload, batches, memory);
        this.client = client;
        this.deadline = deadline;
        this.accepted = accepted;
        this.pacing = pacing;
    }

    @Override
    public TerminalResult call() throws InterruptedException {
        int batchesAccepted = 0;
        long opsAccepted = 0;
        long start = System.nanoTime() + pacing.offsetNanos();
        for (int b = 0; b < batches.size(); b++) {
            PreparedBatch batch = batches.get(b);
            long sent = pacing.paced() ? awaitDue(start + b * pacing.intervalNanos()) : System.nanoTime();
            String failure = push(batch.body());
            if (failure != null) {
                return new TerminalResult(deviceId, batchesAccepted, opsAccepted, retries,
                        "batch " + (b + 1) + " not accepted: " + failure);
            }
            accepted.accept(new AcceptedBatch(token, batch.batchId(), batch.operations(), sent, acceptedAt));
            batchesAccepted++;
            opsAccepted += batch.operations();
        }
        return new TerminalResult(deviceId, batchesAccepted, opsAccepted, retries, null);
    }

    /** One batch as it goes on the wire. */
    private record PreparedBatch(String batchId, int operations, byte[] body) {
    }

    private static List<PreparedBatch> prepare(TerminalWorkload workload, int count, PreparedMemory memory)
            throws BenchAborted {
        List<PreparedBatch> prepared = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            String batchId = UUID.randomUUID().toString();
            JsonObject batch = workload.nextBatch(batchId);
            byte[] body = batch.toString().getBytes(StandardCharsets.UTF_8);
            memory.take(body.length);
            prepared.add(new PreparedBatch(batchId, batch.getJsonArray("operations").size(), body));
        }
        return prepared;
    }

    /**
     * The heap the terminals' prepared batches may take together: half of the bench's, so that a run too long to
     * prepare stops at once with a clear message instead of running out of memory.
     */
    static final class PreparedMemory {

        private final long limit = Runtime.getRuntime().maxMemory() / 2;
        private long taken;

        void take(long bytes) throws BenchAborted {
            taken += bytes;
            if (taken > limit) {
                throw new BenchAborted(String.format("the terminals' batches are built before the clock starts, and"
                        + " they need more than %d MiB, half of the bench's heap: push fewer batches, or raise"
                        + " SYNC_BENCH_HEAP (now %d MiB)", limit >> 20, Runtime.getRuntime().maxMemory() >> 20));
            }
        }
    }

    /** Waits until {@code due} unless it has passed; returns {@code due}, where the batch's latency counts from. */
    private long awaitDue(long due) throws InterruptedException {
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return due;
    }

    /** Posts one batch until it is accepted (then sets {@link #acceptedAt}); returns why not, or null. */
    private String push(byte[] body) throws InterruptedException {
        String failure = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (deadline.expired()) {
                return "stopped by --max-seconds" + (failure == null ? "" : " (last answer: " + failure + ")");
            }
            if (attempt > 1) {
                retries++;
                Thread.sleep(BACKOFF_MILLIS * (attempt - 1));
            }
            boolean retryable;
            try {
                SyncClient.Reply reply = client.push(token, body, deadline.bound(PUSH_TIMEOUT));
                if (reply.status() == 202) {
                    acceptedAt = System.nanoTime();
                    return null;
                }
                failure = reply.summary();
                retryable = reply.status() == 429 || reply.status() == 503;
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                retryable = true;
            }
            if (!retryable) {
                break;
            }
        }
        return failure;
    }

    /**
     * When a terminal posts: every {@code intervalNanos}, starting {@code offsetNanos} after it starts; an interval of
     * 0 means back to back.
     */
    record Pacing(long intervalNanos, long offsetNanos) {

        static final Pacing BACK_TO_BACK = new Pacing(0, 0);

        /** Terminal {@code index} (from 0) of {@code terminals}, which together offer {@code rate} operations/s. */
        static Pacing of(int rate, int terminals, int opsPerBatch, int index) {
            if (rate == 0) {
                return BACK_TO_BACK;
            }
            long interval = Math.round((double) terminals * opsPerBatch / rate * 1e9);
            return new Pacing(interval, interval * index / terminals);
        }

        boolean paced() {
            return intervalNanos > 0;
        }
    }
}
