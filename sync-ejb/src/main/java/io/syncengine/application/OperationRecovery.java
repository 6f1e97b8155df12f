package io.syncengine.application;

import io.syncengine.SyncNames;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
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
 * The safety net behind the two-phase commit of a batch: re-queues operations that are still PENDING and were never
 * delivered a while after they were recorded.
 *
 * <p>The XA transaction makes records and sends commit together when a resource fails or the process dies. It cannot
 * cover a send the broker rejects on its own side: within a transaction Artemis sends asynchronously, and such a
 * rejection is only logged by the broker while the commit still succeeds. An operation whose message never arrived
 * would then wait forever; this sweep finds and re-queues it. A re-queued operation that did arrive meanwhile is a
 * no-op (the operation log skips final operations), so the sweep can never make anything apply twice.
 *
 * <p>It also resumes bulk resolutions whose run stopped half-way (the server was restarted while submitting).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class OperationRecovery {

    private static final Logger LOG = Logger.getLogger(OperationRecovery.class.getName());
    private static final int STALLED_JOB_SECONDS = 120;

    @Resource
    private TimerService timers;

    @EJB
    private RequeueTransaction requeue;

    @EJB
    private ResolutionJobs resolutionJobs;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_RECOVERY_INTERVAL, defaultValue = "30")
    private int intervalSeconds;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_RECOVERY_AFTER, defaultValue = "300")
    private int requeueAfterSeconds;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(intervalSeconds * 1000L, intervalSeconds * 1000L, new TimerConfig(null, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sweep() {
        try {
            int count = requeue.requeueUndelivered(requeueAfterSeconds, 500);
            if (count > 0) {
                LOG.log(Level.WARNING, "re-queued {0} operations that were recorded but never delivered", count);
            }
            // A bulk resolution whose run was cut short (a restart) goes on where it stopped.
            for (String job : resolutionJobs.stalled(STALLED_JOB_SECONDS)) {
                LOG.log(Level.WARNING, "resuming bulk resolution {0}", job);
                resolutionJobs.run(job);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recovery sweep failed; it runs again in " + intervalSeconds + " s", e);
        }
    }
}
