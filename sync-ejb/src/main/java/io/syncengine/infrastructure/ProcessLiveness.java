package io.syncengine.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless threads of this JVM are deadlocked: the one state only a restart ends. A database or broker that is
 * down is a readiness matter (the server recovers by itself when they return), so it never fails liveness.
 */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public HealthCheckResponse call() {
        long[] deadlocked = threads.findDeadlockedThreads();
        Runtime runtime = Runtime.getRuntime();
        return HealthCheckResponse.named("process")
                .status(deadlocked == null)
                .withData("deadlockedThreads", deadlocked == null ? 0 : deadlocked.length)
                .withData("heapUsedMiB", (runtime.totalMemory() - runtime.freeMemory()) >> 20)
                .withData("heapMaxMiB", runtime.maxMemory() >> 20)
                .build();
    }
}
