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
 * Consumes {@value SyncNames#OPERATIONS_QUEUE}: one message, one call to {@link OperationApplier}.
 *
 * <p>Delivery is deliberately not transacted (bean-managed): the apply transaction enlists only the database, and
 * exactly-once effect comes from the operation log (a final operation is skipped), not from two-phase commit with
 * the broker. If the apply throws, this throws, the message is redelivered with back-off and, after the last
 * attempt, dead-lettered. See docs/design/transactions.md.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = SyncNames.RESOURCE_ADAPTER),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = SyncNames.OPERATIONS_QUEUE),
    @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
    // A duplicate delivery is harmless (a final operation is skipped), so acknowledgements may be batched.
    @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Dups-ok-acknowledge"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${MPCONFIG=sync.apply.consumers}"),
    @ActivationConfigProperty(propertyName = "connectorClassName",
            propertyValue = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory"),
    @ActivationConfigProperty(propertyName = "connectionParameters",
            propertyValue = "host=${MPCONFIG=sync.broker.host};port=${MPCONFIG=sync.broker.port}")
})
@TransactionManagement(TransactionManagementType.BEAN)
public class OperationConsumer implements MessageListener {

    @Inject
    private OperationApplier applier;

    @Override
    public void onMessage(Message message) {
        try {
            applier.apply(OperationMessages.decode(message), OperationMessages.deliveryCount(message));
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }
}
