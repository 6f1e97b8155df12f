package io.syncengine.application;

/**
 * Port: what the broker says about the application's queues, for readiness and metrics. It asks the broker itself,
 * so it tells whether the broker is reachable at all.
 */
public interface BrokerQueues {

    /**
     * The queue's state now.
     *
     * @throws BrokerUnavailableException when the broker does not answer
     */
    QueueState state(String queue);

    /**
     * @param messages messages in the queue (waiting, being delivered or scheduled for redelivery)
     * @param consumers consumers attached to the queue, from every node
     */
    record QueueState(long messages, int consumers) {
    }

    /** The broker did not answer a management request. */
    class BrokerUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public BrokerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
