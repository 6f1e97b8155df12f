package io.syncengine.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One token bucket per key, in this node's memory: a key may make {@code burst} requests at once, and then
 * {@code perSecond} a second. A bucket that has filled up again is the same as none, so such buckets are dropped
 * now and then: memory follows the keys active in the last few seconds, not every key ever seen.
 *
 * @param <K> what is limited (a tenant's device)
 */
final class TokenBuckets<K> {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /** Tokens and when they were counted; replaced whole, inside the map's atomic compute. */
    private record Bucket(double tokens, long at) {
    }

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final long sweepEvery;
    private final AtomicLong nextSweep;
    private final ConcurrentHashMap<K, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param perSecond requests a second once the burst is spent; above 0
     * @param burst     requests at once; at least 1
     * @param nanoClock {@link System#nanoTime} but for tests
     */
    TokenBuckets(double perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate above 0 and a burst of at least 1 are required");
        }
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.nanoClock = nanoClock;
        // A bucket untouched for this long is full again.
        this.sweepEvery = Math.max(NANOS_PER_SECOND, (long) Math.ceil(burst / perNano));
        this.nextSweep = new AtomicLong(nanoClock.getAsLong() + sweepEvery);
    }

    /** Takes a token of {@code key}'s bucket: 0 when taken, otherwise the nanoseconds until one will be there. */
    long take(K key) {
        long now = nanoClock.getAsLong();
        sweep(now);
        long[] wait = {0};
        buckets.compute(key, (k, bucket) -> {
            double tokens = bucket == null ? burst : Math.min(burst, bucket.tokens() + (now - bucket.at()) * perNano);
            if (tokens >= 1) {
                wait[0] = 0;
                return new Bucket(tokens - 1, now);
            }
            wait[0] = Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
            return new Bucket(tokens, now);
        });
        return wait[0];
    }

    /** Buckets held (for tests). */
    int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + sweepEvery)) {
            return;
        }
        // removeIf on a concurrent map's entries removes an entry only if it is unchanged: a take racing with the
        // sweep keeps its bucket.
        buckets.entrySet().removeIf(e -> e.getValue().tokens() + (now - e.getValue().at()) * perNano >= burst);
    }
}
