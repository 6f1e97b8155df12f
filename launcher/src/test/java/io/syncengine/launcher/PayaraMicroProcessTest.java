package io.syncengine.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How the launcher starts Payara Micro's process, proven on a process that prints what it was given. */
class PayaraMicroProcessTest {

    @Test
    void microStartsWithTwoMallocArenasUnlessTheEnvironmentSetsAnotherNumber() throws Exception {
        String set = System.getenv("MALLOC_ARENA_MAX");
        String expected = set == null || set.isBlank() ? "2" : set;
        Process process = PayaraMicroProcess.processBuilder(List.of("sh", "-c", "echo \"$MALLOC_ARENA_MAX\" >&2"))
                .start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        // Standard error arrives on standard output: Micro's log is read from one stream.
        assertEquals(expected, new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }
}
