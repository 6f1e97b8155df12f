package io.syncengine.bench;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Pulls a tenant's products from nothing, as a terminal set up afresh does: pages of {@value #LIMIT} (the server's
 * largest) from a snapshot, each continuing from the previous page's cursor, until {@code hasMore} is false (the
 * snapshot's last page hands over to the delta, which has nothing new for a tenant no one writes to, so its first
 * page is empty and the last). Each page is parsed as it arrives and its changes counted, never held, so the
 * bench's own memory stays flat however many records come and the server's streaming is not undone by a client
 * that waits for the whole body.
 *
 * <p>The deadline is checked before each page; within a page the request timeout bounds the wait for the answer
 * to start.
 */
final class SnapshotPull {

    /** Records a page; the server's maximum, the fewest round trips for a snapshot. */
    static final int LIMIT = 5000;
    /** The device that pulls; any will do, a device reads its whole tenant. */
    static final String DEVICE_ID = "puller";
    private static final String ENTITIES = "product";
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    /** Looked up once: {@code Json.createParser} looks the provider up anew at every call. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private SnapshotPull() {
    }

    /**
     * What a pull came to.
     *
     * @param records changes received
     * @param pages   pages read whole
     * @param nanos   from sending the first request to the end of the last page read
     * @param error   why the pull stopped before {@code hasMore} was false, or null
     */
    record Result(long records, int pages, long nanos, String error) {
    }

    private record Page(long changes, String cursor, boolean hasMore) {
    }

    static Result run(SyncClient client, String token, Deadline deadline) throws InterruptedException {
        long records = 0;
        int pages = 0;
        String cursor = null;
        long start = System.nanoTime();
        while (true) {
            if (deadline.expired()) {
                return new Result(records, pages, System.nanoTime() - start, "still pulling at --max-seconds");
            }
            Page page;
            try {
                page = read(client.changes(token, ENTITIES, cursor, LIMIT, deadline.bound(PAGE_TIMEOUT)));
            } catch (IOException | JsonException e) {
                return new Result(records, pages, System.nanoTime() - start, "page " + (pages + 1) + ": "
                        + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
            }
            records += page.changes();
            pages++;
            if (!page.hasMore()) {
                return new Result(records, pages, System.nanoTime() - start, null);
            }
            cursor = page.cursor();
        }
    }

    /**
     * Reads one answer, {@code {"changes":[{...}, ...], "cursor":"...", "hasMore":true|false}}, counting the
     * changes and skipping their content.
     */
    private static Page read(HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(SyncClient.unexpected(response).summary());
            }
            long changes = 0;
            String cursor = null;
            Boolean hasMore = null;
            try (JsonParser json = PARSERS.createParser(body, StandardCharsets.UTF_8)) {
                if (json.next() != JsonParser.Event.START_OBJECT) {
                    throw new IOException("the answer is not a JSON object");
                }
                while (json.next() == JsonParser.Event.KEY_NAME) {
                    switch (json.getString()) {
                        case "changes" -> {
                            if (json.next() != JsonParser.Event.START_ARRAY) {
                                throw new IOException("changes is not an array");
                            }
                            while (json.next() == JsonParser.Event.START_OBJECT) {
                                json.skipObject();
                                changes++;
                            }
                        }
                        case "cursor" -> {
                            json.next();
                            cursor = json.getString();
                        }
                        case "hasMore" -> hasMore = json.next() == JsonParser.Event.VALUE_TRUE;
                        default -> {
                            json.next();
                            json.getValue();
                        }
                    }
                }
            }
            if (hasMore == null || (hasMore && cursor == null)) {
                throw new IOException("the answer has no hasMore or no cursor");
            }
            return new Page(changes, cursor, hasMore);
        }
    }
}
