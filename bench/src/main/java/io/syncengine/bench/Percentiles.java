package io.syncengine.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * The median, the 99th percentile and the maximum of a set of durations, in nanoseconds. Throughput alone hides
 * the slow batches a terminal operator notices; p99 and max show them. Nearest-rank, so every value reported was
 * actually observed.
 */
record Percentiles(int count, long p50, long p99, long max) {

    static Percentiles of(Collection<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new Percentiles(0, 0, 0, 0);
        }
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
