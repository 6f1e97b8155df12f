package io.syncengine.application;

import java.util.List;

/**
 * Port: hands accepted operations to the apply side. Sends join the caller's JTA transaction, so the operations
 * are queued if and only if the transaction that recorded them commits.
 */
public interface OperationQueue {

    /** Queues the operations in the given order (a device's operations in {@code seq} order). */
    void enqueue(List<QueuedOperation> operations);
}
