package io.syncengine.readiness;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN until the sync application has started, and again from the moment it begins to stop.
 *
 * <p>Payara's {@code /health/ready} is the sum of the checks every deployed application has registered, and UP when
 * there is none once any application has started. The resource adapter is an application and deploys before the
 * sync application, so until the sync application had registered its own checks (database, broker, apply
 * consumers) readiness said UP with an empty list: seven seconds at every start of Payara Micro here, and for as
 * long as the application is not deployed on Payara Server. This archive deploys first; its check is registered
 * before any application has started, so readiness is never UP without it, and it stays DOWN until the sync
 * application's own checks are there to decide.
 *
 * <p>{@link StartupGate} is the same check for {@code /health/started}, which Payara sums the same way (it registers a
 * check for one of the two kinds only, so each kind has its class).
 *
 * <p>The sync application tells that it has started by registering a management bean of this name in the
 * platform MBean server when its CDI application context has been initialized, and unregisters it when that
 * context is about to be destroyed ({@code io.syncengine.web.ApplicationLifecycle}). The name is the whole contract
 * between the two archives: neither has a class of the other.
 */
@Readiness
@ApplicationScoped
public class ApplicationStarted implements HealthCheck {

    /** The name the sync application registers; the same literal is in {@code ApplicationLifecycle}. */
    private static final ObjectName STARTED = objectName("io.syncengine:type=Application,name=sync");

    @Override
    public HealthCheckResponse call() {
        return check();
    }

    static HealthCheckResponse check() {
        boolean up = ManagementFactory.getPlatformMBeanServer().isRegistered(STARTED);
        return HealthCheckResponse.named("application").status(up)
                .withData("state", up ? "started" : "not started").build();
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
