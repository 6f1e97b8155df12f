package io.syncengine.jms;

import io.syncengine.SyncNames;
import io.syncengine.application.BrokerQueues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the broker reports consumers on the operations queue: accepted operations are being applied. The
 * message-driven beans attach a moment after deployment and re-attach by themselves after a broker restart; until
 * then operations would only pile up. With several nodes on one broker the count is every node's.
 */
@Readiness
@ApplicationScoped
public class ApplyConsumersReadiness implements HealthCheck {

    @Inject
    private BrokerQueues queues;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("apply-consumers");
        try {
            BrokerQueues.QueueState operations = queues.state(SyncNames.OPERATIONS_QUEUE);
            BrokerQueues.QueueState deadLetters = queues.state(SyncNames.DEAD_LETTER_QUEUE);
            return response.status(operations.consumers() > 0)
                    .withData("consumers", operations.consumers())
                    .withData("queued", operations.messages())
                    .withData("deadLettered", deadLetters.messages())
                    .build();
        } catch (BrokerQueues.BrokerUnavailableException e) {
            return response.down().withData("error", "broker unavailable").build();
        }
    }
}
