package io.syncengine.web;

/** The 202 answer to a push: where to follow the batch. */
public record BatchReceiptResponse(String batchId, int received, int duplicates, String status) {
}
