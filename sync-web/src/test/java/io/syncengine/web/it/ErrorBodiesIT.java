package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad request a client can make, answered by the application, JAX-RS or the container: each is the
 * expected 4xx, never a 500, and each body is problem+json without a stack trace, SQL, or a library's or the
 * server's name ({@link Problems#assertProblem}).
 */
class ErrorBodiesIT extends SyncTestBase {

    private static final String JSON = "application/json";

    /** A request, and the status it must get. */
    private record Case(String what, int status, String method, String path, String token, String body,
            Map<String, String> headers) {
    }

    /**
     * A device cursor is one opaque part (the id to page after): most base64 text decodes to some id, which is
     * answered as a page after it. Only what no id can be (a NUL) is refused.
     */
    private static final int PAGE_OR_400 = -1;

    private final List<Case> cases = new ArrayList<>();

    private void expect(String what, int status, String method, String path, String token, String body,
            String contentType) {
        cases.add(new Case(what, status, method, path, token, body, contentType == null ? Map.of()
                : Map.of("Content-Type", contentType)));
    }

    private static String cursor(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noErrorBodyShowsTheServersInsides() {
        String till = device("till-e");
        String operator = person("operator");
        String batch = Ops.batch("till-e", List.of(Ops.create(1, "category", Ops.id(), Ops.category("c"))))
                .toString();
        List<String> jsonBodies = List.of(Api.BATCHES, "/api/v1/conflicts/x/resolution",
                "/api/v1/conflicts/resolution", "/api/v1/operations/redrive");

        for (String path : jsonBodies) {
            String token = path.equals(Api.BATCHES) ? till : operator;
            for (String malformed : List.of("{\"deviceId\": ", "[1,2", "nul", "{\"a\":1}}", "{'a':1}",
                    "{\"a\":\"\\x\"}", "\uFEFF{}", "{\"a\":01}", "{\"a\":1e}")) {
                expect("malformed " + malformed, 400, "POST", path, token, malformed, JSON);
            }
            expect("an array", 400, "POST", path, token, "[]", JSON);
            expect("a number", 400, "POST", path, token, "42", JSON);
            expect("text/plain", 415, "POST", path, token, "{}", "text/plain");
            expect("XML", 415, "POST", path, token, "<batch/>", "application/xml");
            cases.add(new Case("Content-Encoding br", 415, "POST", path, token, "{}", Map.of("Content-Type", JSON,
                    "Content-Encoding", "br")));
            cases.add(new Case("not gzip", 400, "POST", path, token, "{}", Map.of("Content-Type", JSON,
                    "Content-Encoding", "gzip")));
        }
        expect("wrong types in the envelope", 400, "POST", Api.BATCHES, till,
                "{\"deviceId\":5,\"batchId\":[],\"operations\":\"x\"}", JSON);
        expect("operations of the wrong type", 400, "POST", Api.BATCHES, till,
                "{\"deviceId\":\"till-e\",\"batchId\":\"b\",\"operations\":[1,null,\"x\"]}", JSON);
        expect("a huge seq and base version are the operation's errors, not the batch's", 202, "POST", Api.BATCHES,
                till, "{\"deviceId\":\"till-e\",\"batchId\":\"" + Ops.id() + "\",\"operations\":[{\"opId\":"
                        + "\"o1\",\"seq\":1e400,\"entity\":\"category\",\"entityId\":\"c\",\"type\":"
                        + "\"UPDATE\",\"baseVersion\":1e400,\"data\":{\"name\":99999999999999999999}}]}", JSON);
        expect("a number PostgreSQL cannot hold", 400, "POST", Api.BATCHES, till,
                "{\"deviceId\":\"till-e\",\"batchId\":\"" + Ops.id() + "\",\"operations\":[{\"opId\":\"o2\","
                        + "\"seq\":2,\"entity\":\"category\",\"entityId\":\"c\",\"type\":\"CREATE\","
                        + "\"data\":{\"name\":\"n\",\"x\":1e999999999}}]}", JSON);
        expect("an action of the wrong type", 400, "POST", "/api/v1/conflicts/resolution", operator,
                "{\"action\":5,\"filter\":\"x\"}", JSON);
        expect("a huge limit", 400, "POST", "/api/v1/operations/redrive", operator, "{\"limit\":1e999999999}",
                JSON);
        expect("a fractional limit", 400, "POST", "/api/v1/operations/redrive", operator, "{\"limit\":2.5}", JSON);
        expect("a time that is not one", 400, "POST", "/api/v1/operations/redrive", operator,
                "{\"from\":\"yesterday\"}", JSON);

        for (String path : List.of("/api/v1/conflicts", "/api/v1/devices", "/api/v1/operations")) {
            for (String query : List.of("limit=99999999999999999999999", "limit=-1", "limit=1e3", "limit=",
                    "cursor=%FF%FE", "cursor=" + cursor("\u0000"), "cursor=AA")) {
                expect(path + "?" + query, 400, "GET", path + "?" + query, operator, null, null);
            }
            for (String query : List.of("cursor=garbage", "cursor=" + cursor("x|y|z"), "cursor=" + cursor("2026|"),
                    "cursor=" + "A".repeat(1000))) {
                expect(path + "?" + query, path.endsWith("devices") ? PAGE_OR_400 : 400, "GET", path + "?" + query,
                        operator, null, null);
            }
        }
        for (String query : List.of("since=garbage", "since=" + cursor("v1|DELTA|x|y|||z|1"), "since=%00",
                "limit=0", "limit=5001", "limit=1e9", "entities=nope", "since=" + cursor("v1|SNAPSHOT|1|2||"))) {
            expect("changes?" + query, 400, "GET", "/api/v1/sync/changes?" + query, till, null, null);
        }
        expect("a wait too long", 400, "GET", Api.BATCHES + "/b?waitSeconds=1e9", till, null, null);
        expect("a wait that is not a number", 400, "GET", "/api/v1/conflicts/x?waitSeconds=soon", operator, null,
                null);
        expect("a job wait below zero", 400, "GET", "/api/v1/conflicts/resolution-jobs/j?waitSeconds=-1", operator,
                null, null);
        expect("a flag that is not one", 400, "GET", "/api/v1/devices?hasOpenConflicts=yes", operator, null, null);
        expect("a status that is not one", 400, "GET", "/api/v1/operations?status=LOST", operator, null, null);
        expect("a stale time that is not one", 400, "GET", "/api/v1/devices?staleSince=monday", operator, null,
                null);

        for (String path : List.of("/api/v1/nope", "/api/v1/sync/batches/a/b", "/api/v2/sync/batches", "/nope",
                "/WEB-INF/web.xml", "/WEB-INF/lib/", "/META-INF/MANIFEST.MF", "/error-page",
                "/api/v1/conflicts/%2e%2e/%2e%2e/WEB-INF/web.xml", "/api/v1/devices/x/status/extra")) {
            expect("unknown path " + path, 404, "GET", path, operator, null, null);
        }
        expect("unknown path without a token", 404, "GET", "/nope", null, null, null);
        expect("DELETE a batch", 405, "DELETE", Api.BATCHES, till, null, null);
        expect("PUT a conflict", 405, "PUT", "/api/v1/conflicts/x", operator, "{}", JSON);
        expect("PATCH devices", 405, "PATCH", "/api/v1/devices", operator, "{}", JSON);
        expect("GET a re-drive", 405, "GET", "/api/v1/operations/x/redrive", operator, null, null);
        cases.add(new Case("an answer in XML", 406, "GET", "/api/v1/conflicts", operator, null,
                Map.of("Accept", "application/xml")));
        cases.add(new Case("a Basic login", 401, "GET", "/api/v1/conflicts", null, null,
                Map.of("Authorization", "Basic dXNlcjpwYXNz")));
        cases.add(new Case("an empty bearer", 401, "GET", "/api/v1/conflicts", null, null,
                Map.of("Authorization", "Bearer ")));
        expect("no token", 401, "GET", "/api/v1/conflicts", null, null, null);
        expect("no token on a push", 401, "POST", Api.BATCHES, null, batch, JSON);

        Api api = api();
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            try {
                Api.Reply reply = api.call(c.method(), c.path(), c.token(), c.body(), c.headers());
                if (c.status() == PAGE_OR_400) {
                    assertTrue(reply.status() == 200 || reply.status() == 400, reply.status() + " " + reply.body());
                } else {
                    assertEquals(c.status(), reply.status(), reply.body());
                }
                if (reply.status() >= 400) {
                    Problems.assertProblem(reply);
                } else {
                    Problems.assertNoLeak(reply.body());
                }
            } catch (AssertionError | IllegalStateException e) {
                wrong.add(c.what() + " (" + c.method() + " " + c.path() + "): " + e.getMessage());
            }
        }
        assertEquals(List.of(), wrong);
    }
}
