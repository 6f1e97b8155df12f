package io.syncengine.jms;

import io.syncengine.SyncNames;
import io.syncengine.application.OperationQueue;
import io.syncengine.application.QueuedOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import java.util.List;

/**
 * Sends operation messages through the Artemis resource adapter. The connection factory is transactional: its
 * sessions join the caller's JTA transaction, so the messages reach the queue only if that transaction commits.
 */
@ApplicationScoped
@JMSConnectionFactoryDefinition(
        name = SyncNames.CONNECTION_FACTORY,
        resourceAdapter = SyncNames.RESOURCE_ADAPTER,
        interfaceName = "jakarta.jms.ConnectionFactory",
        transactional = true,
        minPoolSize = 2,
        maxPoolSize = 40,
        properties = {
            "ConnectorClassName=org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory",
            "ConnectionParameters=host=${MPCONFIG=sync.broker.host};port=${MPCONFIG=sync.broker.port}",
            "BlockOnDurableSend=true"
        })
public class JmsOperationQueue implements OperationQueue {

    @Inject
    @JMSConnectionFactory(SyncNames.CONNECTION_FACTORY)
    private JMSContext context;

    @Override
    public void enqueue(List<QueuedOperation> operations) {
        if (operations.isEmpty()) {
            return;
        }
        Queue queue = context.createQueue(SyncNames.OPERATIONS_QUEUE);
        JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
        try {
            for (QueuedOperation op : operations) {
                producer.send(queue, OperationMessages.encode(context, op));
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }
}
