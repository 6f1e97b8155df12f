package io.syncengine.web.it;

import io.syncengine.launcher.PayaraMicroProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asks {@code /health/ready} and {@code /health/started} every 50 ms from before Payara Micro starts until
 * readiness names the application's database and broker checks, and keeps every answer: what a load balancer or
 * an orchestrator probing the server would have been told while it started.
 */
final class StartupWatch {

    record Seen(String path, int status, String body) {
    }

    private static final Duration GIVE_UP = Duration.ofMinutes(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final List<Seen> seen = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    private StartupWatch(URI base) {
        this.base = base;
    }

    static StartupWatch start(URI base) {
        StartupWatch watch = new StartupWatch(base);
        Thread thread = new Thread(watch::run, "startup-watch");
        thread.setDaemon(true);
        thread.start();
        return watch;
    }

    /** Every answer until the server was ready; fails if it never was. */
    List<Seen> answers(Duration timeout) throws InterruptedException {
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server was not ready within " + timeout);
        }
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private void run() {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                ask("health/started");
                Seen readiness = ask("health/ready");
                if (readiness != null && PayaraMicroProcess.applicationReady(readiness.status(), readiness.body())) {
                    ready.countDown();
                    return;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Seen ask(String path) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            Seen answer = new Seen(path, response.statusCode(), response.body());
            synchronized (seen) {
                seen.add(answer);
            }
            return answer;
        } catch (IOException notListeningYet) {
            return null;
        }
    }
}
