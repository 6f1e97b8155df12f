package io.syncengine.bench;

import java.time.Duration;

/**
 * The moment by which the whole run must be over ({@code --max-seconds}). Every loop that talks to the server
 * or waits for it checks this, so a run always ends by itself, whatever state the server is in.
 */
record Deadline(long nanos) {

    static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    boolean expired() {
        return remaining().isZero();
    }

    Duration remaining() {
        long left = nanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** What is left in whole seconds, at least 1: a JDBC query timeout (0 there would mean none). */
    int secondsLeft() {
        return (int) Math.max(1, remaining().toSeconds());
    }

    /** A request's timeout: {@code timeout}, or what is left (and a second) when the deadline comes sooner. */
    Duration bound(Duration timeout) {
        Duration left = remaining();
        return left.compareTo(timeout) < 0 ? left.plusSeconds(1) : timeout;
    }
}
