/**
 * The domain model: the records terminals synchronise (category, product, customer), the operation log entry and
 * the conflict, together with the rules that decide what an operation does to a record ({@link
 * io.syncengine.domain.model.ApplyPolicy}) and what makes an operation valid ({@link
 * io.syncengine.domain.model.OperationValidator}). Nothing here knows about HTTP or JMS.
 */
package io.syncengine.domain.model;
