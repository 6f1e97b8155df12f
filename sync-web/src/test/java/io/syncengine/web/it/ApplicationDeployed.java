package io.syncengine.web.it;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs after Arquillian has started a class's Payara Micro and asks it for a path of the application. Micro goes on
 * running when an application fails to deploy, and Arquillian then hands the tests its address all the same: every
 * test would fail with a bare 404. This fails the class once instead, with what Payara logged as SEVERE.
 */
final class ApplicationDeployed implements BeforeAllCallback {

    private static final int SEVERE_ENTRIES = 5;
    private static final int LINES_PER_ENTRY = 12;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // Without a token the application answers 401; a server without it answers 404.
        Api.Reply answer = new Api(SyncStack.get().uri("/").toURL()).get(Api.BATCHES + "/any", null);
        if (answer.status() == 404) {
            throw new AssertionError("Payara Micro runs but the application is not deployed (GET " + Api.BATCHES
                    + "/any answered 404). What Payara logged as SEVERE:\n" + severe(SyncStack.get().serverLog()));
        }
    }

    /** The last few SEVERE entries of the server log, each with the first lines of its stack trace. */
    static String severe(List<String> log) {
        List<StringBuilder> entries = new ArrayList<>();
        StringBuilder entry = null;
        int lines = 0;
        for (String line : log) {
            if (line.startsWith("[")) {
                entry = line.contains("SEVERE") ? new StringBuilder(line) : null;
                if (entry != null) {
                    entries.add(entry);
                    lines = 1;
                }
            } else if (entry != null && lines++ < LINES_PER_ENTRY) {
                entry.append('\n').append(line);
            }
        }
        List<StringBuilder> last = entries.subList(Math.max(0, entries.size() - SEVERE_ENTRIES), entries.size());
        return last.isEmpty() ? "(nothing)" : String.join("\n", last);
    }
}
