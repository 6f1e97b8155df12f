package io.syncengine.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-poll sleep until one of its device's operations settles, instead of reading the batch again and
 * again: the applier signals each settlement after its commit. Waits are bounded by the caller, so a settlement
 * applied by another server instance (no signal here) is still seen at the next check.
 */
@ApplicationScoped
public class SettleSignals {

    private final Map<String, Waiters> waiting = new ConcurrentHashMap<>();

    /** The waiters of one device and how many settlements it has seen while they wait. */
    private static final class Waiters {
        private int count;
        private long settlements;
    }

    /** Waits until an operation of the device settles, or {@code millis} pass. */
    public void await(String tenant, String deviceId, long millis) throws InterruptedException {
        String key = tenant + "/" + deviceId;
        Waiters waiters = waiting.compute(key, (k, w) -> {
            Waiters present = w == null ? new Waiters() : w;
            present.count++;
            return present;
        });
        try {
            synchronized (waiters) {
                long seen = waiters.settlements;
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
                long left;
                while (waiters.settlements == seen && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(waiters, left);
                }
            }
        } finally {
            waiting.computeIfPresent(key, (k, w) -> --w.count == 0 ? null : w);
        }
    }

    /** An operation of the device has settled (its transaction committed). */
    public void settled(String tenant, String deviceId) {
        Waiters waiters = waiting.get(tenant + "/" + deviceId);
        if (waiters != null) {
            synchronized (waiters) {
                waiters.settlements++;
                waiters.notifyAll();
            }
        }
    }
}
