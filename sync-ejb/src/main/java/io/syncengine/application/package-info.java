/**
 * Application services: the transaction boundaries of the use cases (accept a batch, apply an operation, read
 * batch status and conflicts) and the ports they need from the outside ({@link
 * io.syncengine.application.OperationQueue}). Services take and return plain records; they never see HTTP or JMS
 * types and never throw HTTP exceptions.
 */
package io.syncengine.application;
