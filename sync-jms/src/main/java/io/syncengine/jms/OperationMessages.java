package io.syncengine.jms;

import io.syncengine.SyncNames;
import io.syncengine.application.QueuedOperation;
import io.syncengine.domain.model.JsonText;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;

/**
 * The operation message: a JSON {@code TextMessage} with an explicit schema version, whose identifiers also travel
 * as message properties (for selectors, broker tools and logs). {@code JMSXGroupID} is the device, so a device's
 * operations are consumed one at a time, in order.
 */
final class OperationMessages {

    static final int SCHEMA_VERSION = 1;

    private OperationMessages() {
    }

    static TextMessage encode(JMSContext context, QueuedOperation op) throws JMSException {
        var json = JsonText.object()
                .add("schemaVersion", SCHEMA_VERSION)
                .add("tenant", op.tenant())
                .add("deviceId", op.deviceId())
                .add("opId", op.opId())
                .add("batchId", op.batchId());
        if (op.seq() != null) {
            json.add("seq", op.seq());
        }
        String body = json.build().toString();
        TextMessage message = context.createTextMessage(body);
        message.setStringProperty("JMSXGroupID", op.group());
        message.setStringProperty(SyncNames.PROPERTY_TENANT, op.tenant());
        message.setStringProperty(SyncNames.PROPERTY_DEVICE, op.deviceId());
        message.setStringProperty(SyncNames.PROPERTY_OP_ID, op.opId());
        if (op.seq() != null) {
            message.setLongProperty(SyncNames.PROPERTY_SEQ, op.seq());
        }
        return message;
    }

    static QueuedOperation decode(Message message) throws JMSException {
        if (!(message instanceof TextMessage text)) {
            throw new IllegalArgumentException("not an operation message: " + message.getClass().getName());
        }
        JsonObject json = JsonText.parseObject(text.getText());
        int version = json.getInt("schemaVersion");
        if (version != SCHEMA_VERSION) {
            throw new IllegalArgumentException("operation message schema " + version + " is not supported");
        }
        return new QueuedOperation(json.getString("tenant"), json.getString("deviceId"), json.getString("opId"),
                json.getString("batchId"), json.containsKey("seq") ? json.getJsonNumber("seq").longValue() : null,
                message.getJMSPriority());
    }

    static int deliveryCount(Message message) throws JMSException {
        return message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
    }
}
