package io.syncengine.application;

import io.syncengine.domain.model.OperationKey;
import io.syncengine.domain.model.OperationStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies a queued operation: the one call the operation consumer makes per message.
 *
 * <p>Each attempt runs in its own database-only transaction ({@link ApplyTransaction}). A technical failure is
 * retried at once a few times (a racing CREATE of the same id, a deadlock victim), then recorded and thrown, so the
 * broker redelivers with back-off and finally dead-letters the message. A message can arrive a moment before the
 * transaction that recorded its operation has committed in PostgreSQL (the two-phase commit finishes resource by
 * resource); that is waited out briefly.
 *
 * <p>A CDI bean, not an EJB: it holds no transaction of its own, and one container hop less per message counts.
 */
@ApplicationScoped
public class OperationApplier {

    private static final Logger LOG = Logger.getLogger(OperationApplier.class.getName());
    private static final int IMMEDIATE_RETRIES = 3;
    private static final Duration VISIBILITY_WAIT = Duration.ofSeconds(10);

    @EJB
    private ApplyTransaction transaction;

    @Inject
    private DeviceEvents events;

    @Inject
    private SettleSignals signals;

    @Inject
    private SyncMetrics metrics;

    @Inject
    private OutcomeLog outcomes;

    public ApplyOutcome apply(QueuedOperation message, int deliveryCount) {
        long started = System.nanoTime();
        try {
            return applyAndSignal(message, deliveryCount);
        } finally {
            metrics.applyTook(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private ApplyOutcome applyAndSignal(QueuedOperation message, int deliveryCount) {
        OperationKey key = message.key();
        long deadline = System.nanoTime() + VISIBILITY_WAIT.toNanos();
        long pauseMillis = 5;
        int failures = 0;
        while (true) {
            ApplyAttempt attempt;
            try {
                attempt = transaction.applyOnce(key, deliveryCount);
            } catch (RuntimeException e) {
                failures++;
                if (failures < IMMEDIATE_RETRIES) {
                    LOG.log(Level.FINE, "retrying operation " + key + " at once after a technical failure", e);
                    continue;
                }
                String reason = describe(e);
                LOG.log(Level.WARNING, "operation {0} failed (delivery {1}): {2}",
                        new Object[] {key, deliveryCount, reason});
                transaction.recordFailedAttempt(key, reason);
                throw e;
            }
            OperationSettled settled = attempt.settled();
            if (settled != null) {
                // Committed: now its device may hear of it, and long-polls of its batches may look again.
                signals.settled(settled.tenant(), settled.deviceId());
                events.settled(settled);
                metrics.settled(settled.tenant(), settled.entity(), OperationStatus.valueOf(settled.status()));
                outcomes.settled(settled);
            }
            if (attempt.outcome() != ApplyOutcome.NOT_YET_VISIBLE) {
                return attempt.outcome();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("operation " + key + " is queued but not recorded");
            }
            sleep(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, 200);
        }
    }

    /** Called once the broker has given up on an operation's message: the operation ends FAILED. */
    public void giveUp(QueuedOperation message) {
        String entity = transaction.markFailed(message.key());
        if (entity != null) {
            metrics.settled(message.tenant(), entity, OperationStatus.FAILED);
            outcomes.failed(message.key(), message.batchId(), entity);
        }
    }

    /** The innermost cause, as class and message: what an operator needs, without a stack trace. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an operation to become visible", e);
        }
    }
}
