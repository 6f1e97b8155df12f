package io.syncengine.jms;

import io.syncengine.SyncNames;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the broker accepts a connection and knows the operations queue. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Resource(lookup = SyncNames.CONNECTION_FACTORY)
    private ConnectionFactory connectionFactory;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("broker");
        try (JMSContext context = connectionFactory.createContext()) {
            context.createBrowser(context.createQueue(SyncNames.OPERATIONS_QUEUE)).close();
            return response.up().build();
        } catch (JMSRuntimeException | jakarta.jms.JMSException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
