package io.syncengine.application;

import io.syncengine.domain.model.OperationStatus;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The server's own metrics (MicroProfile Metrics, application scope; Prometheus text at {@code /metrics}): how
 * many operations arrive and how they end, per tenant and entity; how long an apply takes; what waits in the queue,
 * in the dead-letter queue and in the conflict table; what pulls serve. Callers count only what committed.
 * docs/operations/monitoring.md lists them with a scrape configuration and alert rules.
 */
@ApplicationScoped
public class SyncMetrics {

    static final String RECEIVED = "sync.operations.received";
    static final String SETTLED = "sync.operations.settled";
    static final String APPLY_DURATION = "sync.apply.duration";
    static final String PULL_REQUESTS = "sync.pull.requests";
    static final String PULL_RECORDS = "sync.pull.records";
    static final String QUEUE_MESSAGES = "sync.queue.messages";
    static final String QUEUE_CONSUMERS = "sync.queue.consumers";
    static final String PENDING = "sync.operations.pending";
    static final String OLDEST_PENDING_AGE = "sync.operations.pending.oldest.age";
    static final String FAILED = "sync.operations.failed";
    static final String OPEN_CONFLICTS = "sync.conflicts.open";

    private static final Metadata RECEIVED_META = Metadata.builder().withName(RECEIVED)
            .withDescription("Operations recorded from pushed batches (retries of a batch not counted)").build();
    private static final Metadata SETTLED_META = Metadata.builder().withName(SETTLED)
            .withDescription("Operations that reached a status: applied, conflict, rejected (invalid) or failed "
                    + "(technical failure after the last delivery; waits for a re-drive)").build();
    private static final Metadata APPLY_META = Metadata.builder().withName(APPLY_DURATION)
            .withDescription("Time the apply side spends on one delivered operation").withUnit(MetricUnits.SECONDS)
            .build();
    private static final Metadata PULL_REQUESTS_META = Metadata.builder().withName(PULL_REQUESTS)
            .withDescription("Pages of changes served").build();
    private static final Metadata PULL_RECORDS_META = Metadata.builder().withName(PULL_RECORDS)
            .withDescription("Changes (records and tombstones) served by pulls").build();
    private static final Metadata QUEUE_MESSAGES_META = Metadata.builder().withName(QUEUE_MESSAGES)
            .withDescription("Messages in a broker queue (NaN when the broker does not answer)").build();
    private static final Metadata QUEUE_CONSUMERS_META = Metadata.builder().withName(QUEUE_CONSUMERS)
            .withDescription("Consumers attached to a broker queue, from every node").build();
    private static final Metadata PENDING_META = Metadata.builder().withName(PENDING)
            .withDescription("Operations recorded and not yet applied").build();
    private static final Metadata OLDEST_META = Metadata.builder().withName(OLDEST_PENDING_AGE)
            .withDescription("Age of the oldest operation not yet applied (0 when none)")
            .withUnit(MetricUnits.SECONDS).build();
    private static final Metadata FAILED_META = Metadata.builder().withName(FAILED)
            .withDescription("Operations in status FAILED, waiting for an operator's re-drive").build();
    private static final Metadata OPEN_CONFLICTS_META = Metadata.builder().withName(OPEN_CONFLICTS)
            .withDescription("Conflicts waiting for review").build();

    @Inject
    private MetricRegistry registry;

    private Timer applyTimer;

    private volatile Map<String, Backlog.TenantBacklog> backlog = Map.of();
    private final Map<String, BrokerQueues.QueueState> queues = new ConcurrentHashMap<>();
    private final Set<String> gaugedTenants = ConcurrentHashMap.newKeySet();
    private final Set<String> gaugedQueues = ConcurrentHashMap.newKeySet();

    /**
     * Registers the apply timer once, as this bean is made (the gauges' refresh makes it at start), not on the first
     * apply: Payara's registry builds a timer with a map that is not thread-safe, and two apply sessions registering
     * it at once failed a delivery with a {@code ConcurrentModificationException} after its apply had committed (a
     * redelivery then found the operation done).
     */
    @PostConstruct
    void registerApplyTimer() {
        applyTimer = registry.timer(APPLY_META);
    }

    /** Counts operations just recorded from a batch (call once their transaction has committed). */
    public void recorded(String tenant, List<RecordedOperation> operations) {
        for (RecordedOperation op : operations) {
            registry.counter(RECEIVED_META, tags(tenant, op.entity())).inc();
            if (op.status() == OperationStatus.REJECTED) {
                settled(tenant, op.entity(), OperationStatus.REJECTED);
            }
        }
    }

    /** Counts an operation that has reached a final status (called after its transaction committed). */
    public void settled(String tenant, String entity, OperationStatus status) {
        registry.counter(SETTLED_META, new Tag("tenant", tenant), new Tag("entity", entity),
                new Tag("status", status.name().toLowerCase(Locale.ROOT))).inc();
    }

    public void applyTook(Duration duration) {
        applyTimer.update(duration);
    }

    public void pulled(String tenant, long records) {
        registry.counter(PULL_REQUESTS_META, new Tag("tenant", tenant)).inc();
        registry.counter(PULL_RECORDS_META, new Tag("tenant", tenant)).inc(records);
    }

    /** The latest backlog count; a tenant seen for the first time gets its gauges. */
    public void backlog(List<Backlog.TenantBacklog> tenants) {
        backlog = tenants.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Backlog.TenantBacklog::tenant, t -> t));
        for (Backlog.TenantBacklog t : tenants) {
            if (gaugedTenants.add(t.tenant())) {
                String tenant = t.tenant();
                Tag tag = new Tag("tenant", tenant);
                registry.gauge(PENDING_META, () -> tenantBacklog(tenant).pending(), tag);
                registry.gauge(OLDEST_META, () -> oldestAgeSeconds(tenantBacklog(tenant)), tag);
                registry.gauge(FAILED_META, () -> tenantBacklog(tenant).failed(), tag);
                registry.gauge(OPEN_CONFLICTS_META, () -> tenantBacklog(tenant).openConflicts(), tag);
            }
        }
    }

    /** The latest state of a broker queue, or null when the broker did not answer. */
    public void queue(String name, BrokerQueues.QueueState state) {
        if (state == null) {
            queues.remove(name);
        } else {
            queues.put(name, state);
        }
        if (gaugedQueues.add(name)) {
            Tag tag = new Tag("queue", name);
            registry.gauge(QUEUE_MESSAGES_META, () -> {
                BrokerQueues.QueueState s = queues.get(name);
                return s == null ? Double.NaN : (double) s.messages();
            }, tag);
            registry.gauge(QUEUE_CONSUMERS_META, () -> {
                BrokerQueues.QueueState s = queues.get(name);
                return s == null ? Double.NaN : (double) s.consumers();
            }, tag);
        }
    }

    private Backlog.TenantBacklog tenantBacklog(String tenant) {
        Backlog.TenantBacklog t = backlog.get(tenant);
        return t != null ? t : new Backlog.TenantBacklog(tenant, 0, null, 0, 0);
    }

    private double oldestAgeSeconds(Backlog.TenantBacklog t) {
        if (t.oldestPending() == null) {
            return 0;
        }
        return Math.max(0, Duration.between(t.oldestPending(), OffsetDateTime.now()).toMillis() / 1000.0);
    }

    private static Tag[] tags(String tenant, String entity) {
        return new Tag[] {new Tag("tenant", tenant), new Tag("entity", entity)};
    }

    /** An operation as recorded from a batch: what the counters and the outcome log need of it. */
    public record RecordedOperation(String opId, Long seq, String entity, OperationStatus status) {
    }
}
