package io.syncengine.jms;

import io.syncengine.SyncNames;
import io.syncengine.application.BrokerQueues;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks the Artemis broker's management address for a queue's message and consumer counts (Artemis's core client
 * API: JMS cannot read a management reply), over a connection with short timeouts that is dropped on any failure:
 * a broker that is down is reported within about two seconds, and a restarted one is found again at the next call.
 * The client classes are those of the deployed resource adapter. An external broker with security on must grant
 * the application's user the {@code manage} permission on {@code activemq.management}.
 */
@ApplicationScoped
public class ArtemisBrokerQueues implements BrokerQueues {

    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long TIMEOUT_MS = 2000;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_BROKER_HOST)
    private String host;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_BROKER_PORT)
    private int port;

    private ServerLocator locator;
    private ClientSessionFactory factory;
    private ClientSession session;
    private ClientRequestor requestor;

    @Override
    public synchronized QueueState state(String queue) {
        try {
            connect();
            long messages = ((Number) attribute(session, requestor, queue, "messageCount")).longValue();
            int consumers = ((Number) attribute(session, requestor, queue, "consumerCount")).intValue();
            return new QueueState(messages, consumers);
        } catch (Exception e) {
            disconnect();
            if (e instanceof BrokerUnavailableException unavailable) {
                throw unavailable;
            }
            throw new BrokerUnavailableException("the broker at " + host + ":" + port + " did not answer: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * One connection and one reply queue, kept while the broker answers: a management request is then one round
     * trip, and the broker does not create (and log) a temporary queue for every probe.
     */
    private void connect() throws Exception {
        if (requestor != null) {
            return;
        }
        if (locator == null) {
            locator = ActiveMQClient.createServerLocator("tcp://" + host + ":" + port + "?connectTimeoutMillis="
                            + TIMEOUT_MS)
                    .setCallTimeout(TIMEOUT_MS)
                    .setInitialConnectAttempts(1)
                    .setRetryInterval(100)
                    .setReconnectAttempts(0);
        }
        factory = locator.createSessionFactory();
        session = factory.createSession();
        requestor = new ClientRequestor(session, MANAGEMENT_ADDRESS);
        session.start();
    }

    private void disconnect() {
        for (AutoCloseable resource : new AutoCloseable[] {requestor, session, factory}) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    // Closing what already failed: nothing more to do.
                }
            }
        }
        requestor = null;
        session = null;
        factory = null;
    }

    private static Object attribute(ClientSession session, ClientRequestor requestor, String queue, String name)
            throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, name);
        ClientMessage reply = requestor.request(request, TIMEOUT_MS);
        if (reply == null) {
            throw new BrokerUnavailableException("the broker did not answer for " + name + " of " + queue, null);
        }
        if (!ManagementHelper.hasOperationSucceeded(reply)) {
            throw new BrokerUnavailableException("the broker refused to tell " + name + " of " + queue + ": "
                    + ManagementHelper.getResult(reply), null);
        }
        return ManagementHelper.getResult(reply);
    }

    @PreDestroy
    synchronized void close() {
        disconnect();
        if (locator != null) {
            locator.close();
        }
    }
}
