package io.syncengine.jms;

import io.syncengine.SyncNames;
import io.syncengine.application.OperationApplier;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Consumes {@value SyncNames#DEAD_LETTER_QUEUE}: an operation whose every delivery failed ends FAILED in the
 * operation log, where operators find it (the log, not the broker, is the record of it) and re-drive it. So the
 * dead-letter queue only holds a message until its operation is marked; never silently dropped.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = SyncNames.RESOURCE_ADAPTER),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = SyncNames.DEAD_LETTER_QUEUE),
    @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
    // Acknowledged one by one: dead letters are rare, and the queue's depth should say at once what is left on it.
    @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Auto-acknowledge"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
    @ActivationConfigProperty(propertyName = "connectorClassName",
            propertyValue = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory"),
    @ActivationConfigProperty(propertyName = "connectionParameters",
            propertyValue = "host=${MPCONFIG=sync.broker.host};port=${MPCONFIG=sync.broker.port}")
})
@TransactionManagement(TransactionManagementType.BEAN)
public class DeadLetterConsumer implements MessageListener {

    @Inject
    private OperationApplier applier;

    @Override
    public void onMessage(Message message) {
        try {
            applier.giveUp(OperationMessages.decode(message));
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }
}
