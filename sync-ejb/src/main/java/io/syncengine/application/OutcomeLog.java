package io.syncengine.application;

import io.syncengine.domain.model.OperationKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One log line per operation outcome (logger {@code io.syncengine.operations}, INFO): rejected at intake, applied,
 * conflict, failed — with tenant, device, batch, op, seq, entity and record id, never the payload. With the request
 * lines of the API it lets a support engineer follow one receipt from push to outcome.
 */
@ApplicationScoped
public class OutcomeLog {

    private static final Logger LOG = Logger.getLogger("io.syncengine.operations");

    /** An operation recorded as REJECTED when its batch was accepted (after that transaction committed). */
    public void rejected(String tenant, String deviceId, String batchId, SyncMetrics.RecordedOperation op) {
        if (LOG.isLoggable(Level.INFO)) {
            StringBuilder line = new StringBuilder("operation REJECTED");
            LogText.append(line, "tenant", tenant);
            LogText.append(line, "device", deviceId);
            LogText.append(line, "batch", batchId);
            LogText.append(line, "op", op.opId());
            LogText.append(line, "seq", op.seq());
            LogText.append(line, "entity", op.entity());
            LOG.info(line.toString());
        }
    }

    public void settled(OperationSettled op) {
        if (LOG.isLoggable(Level.INFO)) {
            StringBuilder line = new StringBuilder("operation ").append(op.status());
            LogText.append(line, "tenant", op.tenant());
            LogText.append(line, "device", op.deviceId());
            LogText.append(line, "batch", op.batchId());
            LogText.append(line, "op", op.opId());
            LogText.append(line, "seq", op.seq());
            LogText.append(line, "entity", op.entity());
            LogText.append(line, "entityId", op.entityId());
            LogText.append(line, "version", op.version());
            LogText.append(line, "assignedId", op.assignedId());
            LogText.append(line, "conflict", op.conflictId());
            LOG.info(line.toString());
        }
    }

    /** An operation that ended FAILED after its last delivery. */
    public void failed(OperationKey key, String batchId, String entity) {
        StringBuilder line = new StringBuilder("operation FAILED");
        LogText.append(line, "tenant", key.getTenant());
        LogText.append(line, "device", key.getDeviceId());
        LogText.append(line, "batch", batchId);
        LogText.append(line, "op", key.getOpId());
        LogText.append(line, "entity", entity);
        line.append(" (after its last delivery; an operator can re-drive it)");
        LOG.warning(line.toString());
    }
}
