package io.syncengine.application;

import io.syncengine.SyncNames;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Links new audit events into their tenants' hash chains every {@code sync.audit.seal-interval-ms} (default
 * 1000), in passes of {@value #PASS} until none wait. How and in which order: {@link AuditLog#seal(int)}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class AuditSealer {

    private static final Logger LOG = Logger.getLogger(AuditSealer.class.getName());
    private static final int PASS = 5000;

    @Resource
    private TimerService timers;

    @Inject
    private AuditLog log;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_SEAL_INTERVAL, defaultValue = "1000")
    private long intervalMs;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(intervalMs, intervalMs, new TimerConfig(null, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void seal() {
        try {
            int sealed;
            do {
                sealed = log.seal(PASS);
            } while (sealed == PASS);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sealing the audit log failed; it is tried again in " + intervalMs + " ms", e);
        }
    }
}
