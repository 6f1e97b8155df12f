package io.syncengine.application;

import io.syncengine.domain.model.DeliveryPriority;
import io.syncengine.domain.model.OperationKey;

/**
 * The message that asks for one operation to be applied. It carries only identity: the operation log is the truth
 * about what the operation says and where it stands.
 *
 * @param seq      the device's counter (null for an operation that carries an operator's resolution)
 * @param priority the JMS priority it is sent with ({@link DeliveryPriority})
 */
public record QueuedOperation(String tenant, String deviceId, String opId, String batchId, Long seq, int priority) {

    public QueuedOperation(String tenant, String deviceId, String opId, String batchId, Long seq) {
        this(tenant, deviceId, opId, batchId, seq, DeliveryPriority.ORDINARY);
    }

    public OperationKey key() {
        return new OperationKey(tenant, deviceId, opId);
    }

    /** Operations of one device share a group, so the broker hands them to one consumer at a time, in order. */
    public String group() {
        return tenant + "/" + deviceId;
    }
}
