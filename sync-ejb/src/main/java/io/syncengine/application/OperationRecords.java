package io.syncengine.application;

import io.syncengine.domain.model.SyncOperation;
import java.util.List;

/** Port: the operation log as a push writes it, in the push's own transaction. */
public interface OperationRecords {

    /**
     * Records the operations the log does not hold yet and returns them, in their order. One the log already holds
     * (sent again in another batch, or being recorded by a concurrent push, which this waits for) is left as it is:
     * {@code (tenant, deviceId, opId)} is the idempotency key.
     */
    List<SyncOperation> recordNew(List<SyncOperation> operations);
}
