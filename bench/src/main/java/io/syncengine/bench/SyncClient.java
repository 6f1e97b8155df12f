package io.syncengine.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls a terminal makes here (push, batch status, pull), over kept-alive HTTP/1.1 connections, as a real
 * terminal would, so the numbers measure the server rather than TCP set-up. Pushes and pulls, the calls that carry
 * the volume, use the JDK's {@link HttpURLConnection} on the caller's thread; the rest share one {@link HttpClient}
 * whose executor is sized for the threads that use it, so the client is never the queue.
 */
final class SyncClient implements AutoCloseable {

    private static final String BATCHES = "api/v1/sync/batches";
    private static final String CHANGES = "api/v1/sync/changes";
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final String MAX_CONNECTIONS = "http.maxConnections";
    /** Reads pages of changes; the body stream stays open when a parser is closed, to be read to its end. */
    private static final JsonFactory PAGES = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
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
        // Pushes and pulls go through HttpURLConnection, whose cache keeps 5 idle connections to a server unless
        // told otherwise: every thread beyond that would open a new connection for every request. Read once, when
        // the first such connection is made, which is after this.
        if (System.getProperty(MAX_CONNECTIONS) == null) {
            System.setProperty(MAX_CONNECTIONS, Integer.toString(Math.max(5, threads)));
        }
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-http-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MILLIS))
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

    /**
     * {@code POST /sync/batches} with an already serialised body, so building JSON is not part of the timing. Sent
     * with the JDK's plain {@link HttpURLConnection} on the terminal's own thread (a kept-alive connection, the
     * answer read to its end so the connection is reused) rather than the shared {@link HttpClient}, which hands
     * every request and answer between its selector thread and its executor: CPU the server on the same two cores
     * then does not get (docs/benchmarks.md).
     */
    Reply push(String token, byte[] batch, Duration timeout) throws IOException {
        HttpURLConnection connection = connection(batches, token, timeout);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(batch.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(batch);
        }
        int status = connection.getResponseCode();
        InputStream answer = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        String body = answer == null ? "" : readAll(answer);
        return new Reply(status, Objects.requireNonNullElse(connection.getContentType(), ""), body);
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
     * <p>Pulls go through the JDK's plain {@link HttpURLConnection} (kept-alive connections, a blocking read of the
     * chunked body) rather than the shared {@link HttpClient}: a snapshot page is over a megabyte, and the client's
     * selector thread, its executor hand-offs and its queue of buffers cost the bench about a third of a core during
     * a snapshot pull, which the server on the same two cores then did not get (docs/benchmarks.md).
     *
     * @param since the previous page's cursor, or null for the first page of a snapshot
     * @throws IOException also for an answer that is not 200 or not a page of changes; the message says what it was
     */
    ChangePage changes(String token, String entities, String since, int limit, Duration timeout) throws IOException {
        String query = "?entities=" + URLEncoder.encode(entities, StandardCharsets.UTF_8) + "&limit=" + limit
                + (since == null ? "" : "&since=" + URLEncoder.encode(since, StandardCharsets.UTF_8));
        HttpURLConnection connection = connection(URI.create(changes + query), token, timeout);
        int status = connection.getResponseCode();
        if (status != 200) {
            InputStream error = connection.getErrorStream();
            String body = error == null ? "" : readAll(error);
            throw new IOException(new Reply(status, Objects.requireNonNullElse(connection.getContentType(), ""),
                    body).summary());
        }
        try (InputStream body = connection.getInputStream(); JsonParser json = PAGES.createParser(body)) {
            ChangePage page = readPage(json);
            // To the end of the body: the time is then the whole answer's, and the connection can be reused.
            body.transferTo(OutputStream.nullOutputStream());
            return page;
        } catch (StreamReadException e) {
            throw new IOException("not a page of changes: " + e.getOriginalMessage(), e);
        }
    }

    /** A kept-alive {@link HttpURLConnection} to {@code uri} with the token and the timeouts set, not yet sent. */
    private static HttpURLConnection connection(URI uri, String token, Duration timeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        connection.setRequestProperty("Authorization", "Bearer " + token);
        return connection;
    }

    private static String readAll(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads {@code {"changes":[{...}, ...], "cursor":"...", "hasMore":true|false}}, counting the changes and
     * skipping their content (every token is still read, so a page that is not well-formed JSON fails).
     */
    private static ChangePage readPage(JsonParser json) throws IOException {
        long changes = 0;
        String cursor = null;
        Boolean hasMore = null;
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("the answer is not a JSON object");
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "changes" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw new IOException("changes is not an array");
                    }
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        json.skipChildren();
                        changes++;
                    }
                }
                case "cursor" -> cursor = json.getValueAsString();
                case "hasMore" -> hasMore = value == JsonToken.VALUE_TRUE;
                default -> json.skipChildren();
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
