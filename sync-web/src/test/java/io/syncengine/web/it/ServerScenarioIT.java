package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncengine.launcher.ServerScenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scenario {@code sync-server server-check} runs against the EAR on Payara Server, run here against the WAR on
 * Payara Micro: both deployments are held to the very same calls and expectations.
 */
class ServerScenarioIT extends SyncTestBase {

    @Test
    void pushApplyConflictAndPullWorkAsOnPayaraServer() {
        List<ServerScenario.Step> steps = new ServerScenario(uri("/"), SyncStack.get().issuer(), tenant).run();

        assertTrue(ServerScenario.allPassed(steps), steps.toString());
    }
}
