package io.syncengine.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.logging.Logger;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Tells the readiness gate (the {@code sync-readiness} archive) that the application has started, and when it
 * begins to stop, through a management bean in the platform MBean server.
 *
 * <p>CDI initializes the application context after every bean has been deployed and validated, which is after
 * Payara has registered the application's health checks: from then on those checks decide readiness. When the
 * context is about to be destroyed (an undeploy, a shutdown) the bean goes, and readiness is DOWN while the
 * application stops.
 */
@ApplicationScoped
public class ApplicationLifecycle {

    /** The name the gate looks for; the same literal is in {@code ApplicationStarted} (sync-readiness). */
    static final String STARTED_NAME = "io.syncengine:type=Application,name=sync";

    private static final Logger LOG = Logger.getLogger(ApplicationLifecycle.class.getName());

    /** What the management bean shows: when the application started. */
    public interface ApplicationMXBean {
        String getStartedAt();
    }

    void started(@Observes @Initialized(ApplicationScoped.class) Object context) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(STARTED_NAME);
        String startedAt = Instant.now().toString();
        if (server.isRegistered(name)) {
            // A bean left by an earlier deployment that did not stop cleanly.
            server.unregisterMBean(name);
        }
        ApplicationMXBean bean = () -> startedAt;
        server.registerMBean(new StandardMBean(bean, ApplicationMXBean.class, true), name);
        LOG.info("started; readiness is now decided by the application's checks");
    }

    void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object context) throws JMException {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(STARTED_NAME));
        } catch (InstanceNotFoundException alreadyGone) {
            // nothing to withdraw
        }
    }
}
