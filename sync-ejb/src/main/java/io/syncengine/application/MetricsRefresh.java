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
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counts the backlog and asks the broker for its queues every {@code sync.metrics.refresh-seconds} (default 15,
 * a usual scrape interval), so that a scrape reads numbers in memory and never waits on the database or the broker.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class MetricsRefresh {

    private static final Logger LOG = Logger.getLogger(MetricsRefresh.class.getName());

    @Resource
    private TimerService timers;

    @Inject
    private Backlog backlog;

    @Inject
    private BrokerQueues queues;

    @Inject
    private SyncMetrics metrics;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_METRICS_REFRESH, defaultValue = "15")
    private long intervalSeconds;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(0, intervalSeconds * 1000, new TimerConfig(null, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void refresh() {
        try {
            metrics.backlog(backlog.byTenant());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not count the backlog", e);
        }
        for (String queue : List.of(SyncNames.OPERATIONS_QUEUE, SyncNames.DEAD_LETTER_QUEUE)) {
            try {
                metrics.queue(queue, queues.state(queue));
            } catch (BrokerQueues.BrokerUnavailableException e) {
                metrics.queue(queue, null);
            }
        }
    }
}
