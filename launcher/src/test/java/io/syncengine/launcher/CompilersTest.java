package io.syncengine.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Payara Micro's JIT compilers: C1 only on a machine of few cores, and the override the README names. */
class CompilersTest {

    @Test
    void aMachineOfTwoCoresOrFewerCompilesWithC1Only() {
        assertEquals(Optional.of("-XX:TieredStopAtLevel=1"), SyncServer.compilers(1));
        assertEquals(Optional.of("-XX:TieredStopAtLevel=1"), SyncServer.compilers(2));
        assertEquals(Optional.empty(), SyncServer.compilers(3));
        assertEquals(Optional.empty(), SyncServer.compilers(16));
    }

    @Test
    void theOptionsOfSyncPayaraJavaOptsComeLaterAndBringC2Back() throws Exception {
        // The launcher appends SYNC_PAYARA_JAVA_OPTS after its own options; HotSpot takes an option's last value.
        Process java = new ProcessBuilder(PayaraMicroProcess.java(),
                SyncServer.C1_ONLY, "-XX:TieredStopAtLevel=4", "-XX:+PrintFlagsFinal", "-version")
                .redirectErrorStream(true).start();
        String flags = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        assertTrue(flags.lines().anyMatch(l -> l.matches("\\s*intx TieredStopAtLevel\\s+= 4 .*")), flags);
    }
}
