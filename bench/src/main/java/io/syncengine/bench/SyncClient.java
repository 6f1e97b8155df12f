package io.syncengine.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
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
 * The two calls a terminal makes here (push, batch status), over one shared HTTP/1.1 client. One client keeps
 * connections alive across batches, as a real terminal would, so the numbers measure the server rather than TCP
 * set-up; its executor is sized for the threads that use it, so the client is never the queue.
 */
final class SyncClient implements AutoCloseable {

    private static final String BATCHES = "api/v1/sync/batches";

    private final URI batches;
    private final ExecutorService executor;
    private final HttpClient http;

    SyncClient(URI server, int threads) {
        String base = server.toString().endsWith("/") ? server.toString() : server + "/";
        this.batches = URI.create(base).resolve(BATCHES);
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
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
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

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
