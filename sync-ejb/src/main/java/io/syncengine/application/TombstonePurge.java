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
 * Removes tombstones older than the retention ({@code sync.pull.tombstone-retention-days}, default 30), in small
 * batches, every {@code sync.pull.purge-interval-seconds} (default an hour). Pull cursors older than the retention
 * are refused with 410, so no terminal can miss a delete that was purged.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class TombstonePurge {

    private static final Logger LOG = Logger.getLogger(TombstonePurge.class.getName());
    private static final int BATCH = 1000;

    @Resource
    private TimerService timers;

    @Inject
    private ChangeFeed feed;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_TOMBSTONE_RETENTION, defaultValue = "30")
    private int retentionDays;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_PURGE_INTERVAL, defaultValue = "3600")
    private int intervalSeconds;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(intervalSeconds * 1000L, intervalSeconds * 1000L, new TimerConfig(null, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void purge() {
        try {
            int total = 0;
            int purged;
            do {
                purged = feed.purgeTombstones(retentionDays, BATCH);
                total += purged;
            } while (purged > 0);
            if (total > 0) {
                LOG.log(Level.INFO, "purged {0} tombstones older than {1} days", new Object[] {total, retentionDays});
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tombstone purge failed; it runs again in " + intervalSeconds + " s", e);
        }
    }
}
