package io.syncengine.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Pulls a tenant's products from nothing, as a terminal set up afresh does: pages from a snapshot, each continuing
 * from the previous page's cursor, until {@code hasMore} is false (the snapshot's last page hands over to the
 * delta, which has nothing new for a tenant no one writes to, so its first page is empty and the last). Pages are
 * counted as they stream in ({@link SyncClient#changes}), never held.
 *
 * <p>The deadline is checked before each page; within a page the request timeout bounds the wait for the answer
 * to start.
 */
final class SnapshotPull {

    /** Records a page for the pull measurement; the server's maximum, the fewest round trips for a snapshot. */
    static final int LIMIT = 5000;
    /** The device that pulls; any will do, a device reads its whole tenant. */
    static final String DEVICE_ID = "puller";
    /** What is pulled: products, the entity the pull measurement seeds and both mixes write. */
    static final String ENTITIES = "product";
    /** How long the answer to any pull request of the bench may take to start. */
    static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

    private SnapshotPull() {
    }

    /**
     * What a pull came to.
     *
     * @param records changes received
     * @param pages   pages read whole
     * @param nanos   from sending the first request to the end of the last page read
     * @param cursor  the last page's cursor, from which a delta goes on; null when the pull stopped early
     * @param error   why the pull stopped before {@code hasMore} was false, or null
     */
    record Result(long records, int pages, long nanos, String cursor, String error) {
    }

    static Result run(SyncClient client, String token, int limit, Deadline deadline) {
        long records = 0;
        int pages = 0;
        String cursor = null;
        long start = System.nanoTime();
        while (true) {
            if (deadline.expired()) {
                return new Result(records, pages, System.nanoTime() - start, null, "still pulling at --max-seconds");
            }
            SyncClient.ChangePage page;
            try {
                page = client.changes(token, ENTITIES, cursor, limit, deadline.bound(PAGE_TIMEOUT));
            } catch (IOException e) {
                return new Result(records, pages, System.nanoTime() - start, null, "page " + (pages + 1) + ": "
                        + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
            }
            records += page.changes();
            pages++;
            cursor = page.cursor();
            if (!page.hasMore()) {
                return new Result(records, pages, System.nanoTime() - start, cursor, null);
            }
        }
    }
}
