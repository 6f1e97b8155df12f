package io.syncengine.web.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Unauthenticated reads of the server's operational endpoints ({@code /health/*}, {@code /metrics}), and waiting
 * until one of them says what a test expects: the server's own answer is the signal waited on.
 */
final class Probe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String body) {
    }

    private final URI base;

    Probe(URI base) {
        this.base = base;
    }

    Answer get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asks again (every 100 ms) until the answer satisfies {@code expected}; fails with the last answer. */
    Answer await(String path, Predicate<Answer> expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Answer answer = get(path);
            if (expected.test(answer)) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " did not answer as expected within " + timeout + "; last: "
                        + answer.status() + " " + answer.body());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
