package io.syncengine.readiness;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** {@link ApplicationStarted} for {@code /health/started}: DOWN until the sync application has started. */
@Startup
@ApplicationScoped
public class StartupGate implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return ApplicationStarted.check();
    }
}
