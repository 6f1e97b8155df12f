package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Locale;

/** What every error answer must be: the one problem+json shape, and nothing of the server's insides. */
public final class Problems {

    /**
     * Words that only appear in a body when an exception, a stack trace, SQL or a library's message leaked into it.
     * Compared case-insensitively.
     */
    private static final List<String> LEAKS = List.of("exception", "\tat ", "at io.", "at java.", "at org.",
            "sql", "postgres", "eclipse", "jersey", "glassfish", "payara", "grizzly", "hibernate", "artemis",
            "activemq", "jakarta.", "java.", "nimbus", "caused by", "<html", "syncengine");

    private Problems() {
    }

    /** Asserts a problem answer with {@code status}; returns its body. */
    public static JsonObject assertProblem(Api.Reply reply, int status) {
        assertEquals(status, reply.status(), reply.body());
        return assertProblem(reply);
    }

    /** Asserts that an error answer, whatever its status, is a well-formed problem that leaks nothing. */
    public static JsonObject assertProblem(Api.Reply reply) {
        assertTrue(reply.status() >= 400, reply.status() + " " + reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"),
                "content type " + reply.contentType() + " of " + reply.status() + ": " + reply.body());
        assertNoLeak(reply.body());
        JsonObject problem = reply.json();
        assertEquals(reply.status(), problem.getInt("status"), reply.body());
        assertTrue(problem.getString("type").startsWith("https://sync-engine.dev/problems/"), reply.body());
        assertFalse(problem.getString("title").isBlank(), reply.body());
        assertFalse(problem.getString("detail").isBlank(), reply.body());
        return problem;
    }

    public static void assertNoLeak(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        for (String leak : LEAKS) {
            assertFalse(lower.contains(leak), "the body shows '" + leak + "': " + body);
        }
    }
}
