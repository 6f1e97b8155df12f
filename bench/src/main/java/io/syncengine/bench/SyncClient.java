package io.syncengine.bench;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls a terminal makes here (push, batch status, pull), over one shared HTTP/1.1 client. One client keeps
 * connections alive across batches, as a real terminal would, so the numbers measure the server rather than TCP
 * set-up; its executor is sized for the threads that use it, so the client is never the queue.
 */
final class SyncClient implements AutoCloseable {

    private static final String BATCHES = "api/v1/sync/batches";
    private static final String CHANGES = "api/v1/sync/changes";
    private final URI base;
    private final URI batches;
    private final URI changes;
    private final ExecutorService executor;
    private final HttpClient http;

    SyncClient(URI server, int threads) {
        String base = server.toString().endsWith("/") ? server.toString() : server + "/";
        this.base = URI.create(base);
        this.batches = URI.create(base).resolve(BATCHES);
        this.changes = URI.create(base).resolve(CHANGES);
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-http-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    /** An answer: status code, content type and body. */
    record Reply(int status, String contentType, String body) {

        /** An answer of the application itself (a problem document), not of the container in front of it. */
        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        JsonObject json() {
            return BenchJson.readObject(body);
        }

        /** Status and body on one line, shortened, to say why an answer was not the one expected. */
        String summary() {
            String oneLine = body.replaceAll("\\s+", " ").strip();
            return "HTTP " + status + ": " + (oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...");
        }
    }

    /** {@code POST /sync/batches} with an already serialised body, so building JSON is not part of the timing. */
    Reply push(String token, byte[] batch, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(batches)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch))
                .build();
        return send(request);
    }

    /** {@code GET /sync/batches/{id}?waitSeconds=N}: held by the server until nothing is pending or N s pass. */
    Reply status(String token, String batchId, int waitSeconds) throws IOException, InterruptedException {
        URI uri = URI.create(batches + "/" + URLEncoder.encode(batchId, StandardCharsets.UTF_8)
                + "?waitSeconds=" + waitSeconds);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(waitSeconds + 15L))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return send(request);
    }

    /** A page of changes, counted: how many, the cursor to continue from, and whether more are waiting now. */
    record ChangePage(long changes, String cursor, boolean hasMore) {
    }

    /**
     * {@code GET /sync/changes?entities=E&limit=N[&since=CURSOR]}, read as the server writes it: a page of thousands
     * of records is parsed as it streams in and its changes counted, never held, so the bench's own memory stays
     * flat however large the page, and a client that waited for the whole body does not undo the server's
     * streaming. Returns once the last byte is in, so timing this call times the whole answer.
     *
     * @param since the previous page's cursor, or null for the first page of a snapshot
     * @throws IOException also for an answer that is not 200 or not a page of changes; the message says what it was
     */
    ChangePage changes(String token, String entities, String since, int limit, Duration timeout)
            throws IOException, InterruptedException {
        String query = "?entities=" + URLEncoder.encode(entities, StandardCharsets.UTF_8) + "&limit=" + limit
                + (since == null ? "" : "&since=" + URLEncoder.encode(since, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(changes + query))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(new Reply(response.statusCode(), contentType(response),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8)).summary());
            }
            try (JsonParser json = BenchJson.PARSERS.createParser(body, StandardCharsets.UTF_8)) {
                ChangePage page = readPage(json);
                // To the end of the body: the time is then the whole answer's, and the connection can be reused.
                body.transferTo(OutputStream.nullOutputStream());
                return page;
            }
        } catch (JsonException e) {
            throw new IOException("not a page of changes: " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code {"changes":[{...}, ...], "cursor":"...", "hasMore":true|false}}, counting the changes and
     * skipping their content.
     */
    private static ChangePage readPage(JsonParser json) throws IOException {
        long changes = 0;
        String cursor = null;
        Boolean hasMore = null;
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
        if (hasMore == null || cursor == null) {
            throw new IOException("the answer has no hasMore or no cursor");
        }
        return new ChangePage(changes, cursor, hasMore);
    }

    /** {@code GET} of a path (with its query) of the server's API, answer read whole. */
    Reply get(String token, String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout)
                .header("Authorization", "Bearer " + token).GET().build());
    }

    /**
     * {@code GET} with {@code Accept: accept}, the answer counted as it streams in and never held: returns the number
     * of lines it had.
     *
     * @throws IOException also for an answer that is not 200
     */
    long download(String token, String pathAndQuery, String accept, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("Accept", accept).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(new Reply(response.statusCode(), contentType(response),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8)).summary());
            }
            byte[] buffer = new byte[64 * 1024];
            long lines = 0;
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
            return lines;
        }
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), contentType(response), response.body());
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
