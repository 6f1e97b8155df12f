package io.syncengine.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/sync-server run} with a bad setting: one line naming it, exit code 2, and nothing started. */
class BadSettingTest {

    @Test
    void aBadSettingStopsTheLauncherWithOneLineNamingIt(@TempDir Path home) throws Exception {
        Path data = home.resolve("data");
        ProcessBuilder launcher = new ProcessBuilder(PayaraMicroProcess.java(),
                "-cp", System.getProperty("java.class.path"), SyncServer.class.getName(), "run", "--home",
                home.toString());
        launcher.environment().remove("JAVA_TOOL_OPTIONS");
        launcher.environment().put("SYNC_DATA_DIR", data.toString());
        launcher.environment().put("SYNC_RATE_PUSH_BURST", "lots");
        Process process = launcher.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher stops at once");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();

        assertEquals(2, process.exitValue());
        assertEquals(List.of("sync-server: SYNC_RATE_PUSH_BURST (sync.rate.push-burst) is 'lots'; it must be a whole "
                + "number of at least 1"), err);
        assertEquals("", out);
        assertFalse(Files.exists(data), "nothing was started or created");
    }
}
