package io.syncengine.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A few threads that wait, with the server's own long-poll ({@code waitSeconds}), for each accepted batch to
 * settle, and note when it did. They are separate from the pushing terminals so that pushing never pauses to
 * poll, and few, because each waiting request holds a server thread that the pushes would otherwise use.
 *
 * <p>Batches are watched in the order they were accepted, which is about the order they apply in, so a watcher is
 * nearly always waiting on the oldest unsettled batch and the time it records is close to the real settle time.
 * The server re-checks a held request at most every 250 ms, which bounds the resolution of apply latency.
 */
final class SettleWatchers {

    private static final int MAX_WAIT_SECONDS = 30;
    private static final long RETRY_PAUSE_MILLIS = 200;

    private final SyncClient client;
    private final Deadline deadline;
    private final BlockingQueue<AcceptedBatch> waiting = new LinkedBlockingQueue<>();
    private final Queue<BatchOutcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean allSubmitted;

    SettleWatchers(SyncClient client, int count, Deadline deadline) {
        this.client = client;
        this.deadline = deadline;
        for (int i = 1; i <= count; i++) {
            Thread thread = new Thread(this::watchUntilDone, "bench-watcher-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    /** Queues an accepted batch to be watched. */
    void watch(AcceptedBatch batch) {
        waiting.add(batch);
    }

    /**
     * Says no more batches will come, waits (until the deadline) for every queued one to settle, and returns what
     * became of each. Batches still queued at the deadline are reported as unsettled.
     */
    List<BatchOutcome> finish() throws InterruptedException {
        allSubmitted = true;
        for (Thread thread : threads) {
            thread.join(Math.max(1, deadline.remaining().toMillis() + 5_000));
            thread.interrupt();
        }
        AcceptedBatch left;
        while ((left = waiting.poll()) != null) {
            outcomes.add(BatchOutcome.unsettled(left, StatusCounts.NONE, "not watched before --max-seconds"));
        }
        return List.copyOf(outcomes);
    }

    private void watchUntilDone() {
        while (!deadline.expired()) {
            AcceptedBatch batch;
            try {
                batch = waiting.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (batch == null) {
                if (allSubmitted) {
                    return;
                }
                continue;
            }
            try {
                outcomes.add(awaitSettled(batch));
            } catch (InterruptedException e) {
                outcomes.add(BatchOutcome.unsettled(batch, StatusCounts.NONE, "still watched at --max-seconds"));
                return;
            }
        }
    }

    private BatchOutcome awaitSettled(AcceptedBatch batch) throws InterruptedException {
        StatusCounts last = StatusCounts.NONE;
        String error = "still pending at --max-seconds";
        while (!deadline.expired()) {
            int wait = (int) Math.max(1, Math.min(MAX_WAIT_SECONDS, deadline.remaining().toSeconds()));
            try {
                SyncClient.Reply reply = client.status(batch.token(), batch.batchId(), wait);
                long answered = System.nanoTime();
                if (reply.status() != 200) {
                    return BatchOutcome.unsettled(batch, last, "batch status HTTP " + reply.status());
                }
                last = StatusCounts.of(reply.json());
                if (last.pending() == 0) {
                    return BatchOutcome.settled(batch, answered, last);
                }
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                Thread.sleep(RETRY_PAUSE_MILLIS);
            }
        }
        return BatchOutcome.unsettled(batch, last, error);
    }
}
