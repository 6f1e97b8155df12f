/**
 * The Artemis adapter: {@link io.syncengine.jms.JmsOperationQueue} implements the application's queue port with a
 * JTA-enlisted connection factory of the Artemis resource adapter; {@link io.syncengine.jms.OperationConsumer} and
 * {@link io.syncengine.jms.DeadLetterConsumer} turn messages into one application-service call each;
 * {@link io.syncengine.jms.OperationMessages} is the message format.
 */
package io.syncengine.jms;
