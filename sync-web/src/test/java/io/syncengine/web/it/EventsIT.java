package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Server-Sent Events: a device hears its operations settle and is poked when others change what it pulls. */
class EventsIT extends SyncTestBase {

    /** An event as read off the stream. */
    private record Event(String name, String id, JsonObject data) {
    }

    /**
     * Reads the event stream on a thread of its own into a queue, one parsed event per blank-line-terminated
     * block. A plain socket speaking HTTP/1.0 (so the stream is not chunked): closing it ends the reading thread at
     * once, where an HTTP client's disconnect waits for the next bytes to arrive.
     */
    private static final class Listener implements AutoCloseable {

        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final Socket socket;
        private final BufferedReader lines;
        private final int status;

        Listener(URI uri, String token, String lastEventId) throws IOException {
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout(60_000);
            String request = "GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " HTTP/1.0\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer " + token
                    + "\r\nAccept: text/event-stream\r\n"
                    + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            status = Integer.parseInt(lines.readLine().split(" ")[1]);
            for (String header = lines.readLine(); header != null && !header.isEmpty(); header = lines.readLine()) {
                // headers are not needed
            }
            if (status == 200) {
                Thread reader = new Thread(this::read, "sse-listener");
                reader.setDaemon(true);
                reader.start();
            }
        }

        private void read() {
            try {
                String name = null;
                String id = null;
                String data = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (name != null) {
                            events.add(new Event(name, id, data == null ? null
                                    : Json.createReader(new StringReader(data)).readObject()));
                        }
                        name = id = data = null;
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data = line.substring(5).trim();
                    }
                }
            } catch (IOException e) {
                // closed by close()
            }
        }

        int status() {
            return status;
        }

        /** The next event named {@code name}, skipping others; fails after 30 s. */
        Event next(String name) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                Event event = events.poll(1, TimeUnit.SECONDS);
                if (event != null && event.name().equals(name)) {
                    return event;
                }
            }
            throw new AssertionError("no '" + name + "' event within 30 s");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private URI events() {
        return uri("/api/v1/sync/events");
    }

    @Test
    void aDeviceHearsItsOperationsSettleAndIsPokedWhenOthersChangeThings() throws Exception {
        Api api = api();
        String till = "till-sse";
        try (Listener listener = new Listener(events(), device(till), null)) {
            assertEquals(200, listener.status());
            assertEquals(till, listener.next("ready").data().getString("deviceId"));

            String category = Ops.id();
            JsonObject batch = Ops.batch(till, List.of(Ops.create(1, "category", category, Ops.category("Tea")),
                    Ops.update(2, "category", category, 7, Ops.category("stale"))));
            api.push(device(till), batch);
            Event applied = listener.next("settled");
            assertEquals(batch.getJsonArray("operations").getJsonObject(0).getString("opId"),
                    applied.data().getString("opId"));
            assertEquals("APPLIED", applied.data().getString("status"));
            assertEquals(1, applied.data().getInt("version"));
            Event conflict = listener.next("settled");
            assertEquals("CONFLICT", conflict.data().getString("status"));
            assertNotNull(conflict.data().getString("conflictId"));

            // Another till changes something this one pulls: a poke.
            api.push(device("till-other"), Ops.batch("till-other", List.of(
                    Ops.create(1, "category", Ops.id(), Ops.category("Coffee")))));
            Event poke = listener.next("changes");
            assertEquals("changed", poke.data().getString("reason"));
            assertNotNull(poke.id());
        }

        // Reconnecting with the last event id: poked at once, so a pull brings whatever was missed.
        try (Listener again = new Listener(events(), device(till), "1")) {
            assertEquals("reconnected", again.next("changes").data().getString("reason"));
        }

        try (Listener foreign = new Listener(URI.create(events() + "?deviceId=" + till), device("till-other"),
                null)) {
            assertEquals(403, foreign.status(), "a device follows only itself");
        }
        try (Listener auditor = new Listener(events(), person("auditor"), null)) {
            assertEquals(403, auditor.status());
        }
    }
}
