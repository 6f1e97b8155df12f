package io.syncengine.web.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A terminal's view of the server: HTTP calls with bearer tokens, answers as status plus JSON. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    /**
     * @param deployment the URL Arquillian reports; only its port is used: the application serves at the root
     *                   context, and tests talk to loopback only
     */
    public Api(URL deployment) {
        this.base = URI.create("http://127.0.0.1:" + deployment.getPort() + "/");
    }

    /** An answer: status, headers and body. */
    public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public String contentType() {
            return headers.getOrDefault("content-type", java.util.List.of("")).get(0);
        }
    }

    public static final String BATCHES = "/api/v1/sync/batches";

    /** Pushes a batch and expects it accepted. */
    public JsonObject push(String token, JsonObject batch) {
        Reply accepted = post(BATCHES, token, batch);
        if (accepted.status() != 202) {
            throw new AssertionError("expected 202, got " + accepted.status() + ": " + accepted.body());
        }
        return accepted.json();
    }

    /** Waits on the batch status long-poll (the server's own signal) until no operation of it is pending. */
    public JsonObject awaitSettled(String token, String batchId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Reply status = get(BATCHES + "/" + batchId + "?waitSeconds=10", token);
            if (status.status() != 200) {
                throw new AssertionError("batch status " + status.status() + ": " + status.body());
            }
            JsonObject json = status.json();
            if (json.getJsonObject("counts").getInt("PENDING") == 0) {
                return json;
            }
        }
        throw new AssertionError("batch " + batchId + " still has pending operations");
    }

    public JsonObject pushAndSettle(String token, JsonObject batch) {
        push(token, batch);
        return awaitSettled(token, batch.getString("batchId"));
    }

    public Reply post(String path, String token, JsonStructure body) {
        return post(path, token, body.toString(), "application/json");
    }

    public Reply post(String path, String token, String body, String contentType) {
        return send(request(path, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply postBytes(String path, String token, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token);
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    /**
     * Any method, body (null for none) and headers. An answer that is an event stream is not read: its status and
     * headers are returned and the stream is closed.
     */
    public Reply call(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token);
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                boolean stream = response.headers().firstValue("content-type").orElse("")
                        .startsWith("text/event-stream");
                String text = stream ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Reply(response.statusCode(), response.headers().map(), text);
            }
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.replaceFirst("^/", "")))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
