package io.syncengine.application;

import io.syncengine.domain.model.DeliveryPriority;
import io.syncengine.domain.model.OperationKey;
import java.util.Comparator;
import java.util.List;

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

    /**
     * The operations an {@code UPDATE … RETURNING tenant, device_id, op_id, batch_id, seq} marked for queueing,
     * in the order they go back on the queue: each device's in {@code seq} order (RETURNING has no order).
     */
    static List<QueuedOperation> fromReturnedRows(List<Object[]> rows) {
        return rows.stream()
                .map(r -> new QueuedOperation((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                        r[4] == null ? null : ((Number) r[4]).longValue()))
                .sorted(Comparator.comparing(QueuedOperation::tenant).thenComparing(QueuedOperation::deviceId)
                        .thenComparing(QueuedOperation::seq, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    public OperationKey key() {
        return new OperationKey(tenant, deviceId, opId);
    }

    /** Operations of one device share a group, so the broker hands them to one consumer at a time, in order. */
    public String group() {
        return tenant + "/" + deviceId;
    }
}
