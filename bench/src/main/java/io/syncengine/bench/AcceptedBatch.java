package io.syncengine.bench;

/**
 * A batch the server answered 202 for, with the moments that matter: {@code sentNanos} is when its POST was first
 * sent (the start of both its accept and its apply latency), {@code acceptedNanos} when the 202 arrived.
 */
record AcceptedBatch(String token, String batchId, int operations, long sentNanos, long acceptedNanos) {

    long acceptNanos() {
        return acceptedNanos - sentNanos;
    }
}
