package io.syncengine.application;

/**
 * What the server answers once a batch is durably recorded and queued.
 *
 * @param received   operations in the batch
 * @param duplicates operations the server already knew (a retry, or an operation re-sent in a later batch)
 */
public record BatchReceipt(String batchId, int received, int duplicates) {
}
