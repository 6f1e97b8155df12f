package io.syncengine.bench;

import jakarta.json.JsonObject;

/**
 * The operations one terminal sends, batch after batch: {@link MasterDataWorkload} for {@code --mix master},
 * {@link SalesWorkload} for {@code --mix sales}.
 */
@FunctionalInterface
interface TerminalWorkload {

    /** The next batch, as the JSON body of a push. */
    JsonObject nextBatch(String batchId);
}
