package io.syncengine.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which command lines the bench takes for the server's Payara Micro. */
class ServerProcessesTest {

    @Test
    void microFromItsJarOrFromThePreparedRuntimeOnTheBenchedPort() {
        assertTrue(ServerProcesses.isPayara(List.of("java", "-Xmx384m", "-jar", "/s/launcher/target/payara-micro.jar",
                "--rootdir", "/d/root", "--nocluster", "--port", "8080"), 8080));
        assertTrue(ServerProcesses.isPayara(List.of("java", "-XX:SharedArchiveFile=/s/payara.jsa", "-cp",
                "/s/launch-micro.jar", "fish.payara.micro.impl.PayaraMicroImpl", "--rootdir", "/d/root", "--port",
                "8080"), 8080));
        assertFalse(ServerProcesses.isPayara(List.of("java", "-cp", "/s/launch-micro.jar",
                "fish.payara.micro.impl.PayaraMicroImpl", "--port", "8081"), 8080));
        assertFalse(ServerProcesses.isPayara(List.of("java", "-jar", "sync-launcher.jar", "run"), 8080));
    }
}
