package io.syncengine.jms;

import io.syncengine.SyncNames;
import io.syncengine.application.OperationQueue;
import io.syncengine.application.QueuedOperation;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import java.util.List;

/**
 * Sends operation messages through the Artemis resource adapter. The connection factory is transactional: a
 * context created inside a JTA transaction joins it, so the messages reach the queue only if that transaction
 * commits.
 *
 * <p>Each call creates its own context (pooled connections underneath): a context injected into this
 * application-scoped bean was shared by all request threads, which then queued up on its lock — profiled as most
 * of the time a push waited. The destination is created once; creating it asks the broker twice.
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
            // A pooled connection whose broker went away fails at once (the pool then replaces it) instead of
            // blocking the request in reconnection: a push during a broker outage is a quick 503, and the first
            // push after the broker returns gets a fresh connection. (The MDBs' inbound connections keep
            // reconnecting by themselves.)
            "ReconnectAttempts=0"
        })
public class JmsOperationQueue implements OperationQueue {

    @Resource(lookup = SyncNames.CONNECTION_FACTORY)
    private ConnectionFactory connectionFactory;

    private volatile Queue queue;

    @Override
    public void enqueue(List<QueuedOperation> operations) {
        if (operations.isEmpty()) {
            return;
        }
        try (JMSContext context = connectionFactory.createContext()) {
            Queue destination = queue;
            if (destination == null) {
                destination = context.createQueue(SyncNames.OPERATIONS_QUEUE);
                queue = destination;
            }
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (QueuedOperation op : operations) {
                producer.setPriority(op.priority()).send(destination, OperationMessages.encode(context, op));
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }
}
