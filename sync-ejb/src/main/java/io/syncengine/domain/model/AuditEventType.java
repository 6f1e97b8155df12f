package io.syncengine.domain.model;

/**
 * What an audit event records. The first group follow an operation's status; the second its conflict; the last
 * are the decisions an operation applied with (its apply notes).
 */
public enum AuditEventType {
    /** Accepted into the operation log (every operation, the rejected ones included). */
    RECEIVED,
    /** Invalid; never applied (detail: the errors). */
    REJECTED,
    /** Applied (afterVersion: the version it produced). */
    APPLIED,
    /** Every delivery failed for a technical reason (detail: attempts, last error). */
    FAILED,
    /** An operator sent a FAILED operation back to the queue. */
    REDRIVEN,
    /** Refused on apply and recorded as a conflict (detail: conflict id, reason). */
    CONFLICT,
    /** A resolution met a new reason: the conflict stays open. */
    STILL_OPEN,
    /** An operator's resolution applied (detail: action). */
    RESOLVED,
    /** An operator discarded the terminal's change. */
    DISCARDED,
    /** A sale applied at the till's price, not the server's. */
    PRICE_DIFFERS,
    /** A sale named a product deleted on the server; the product was archived. */
    PRODUCT_ARCHIVED,
    /** A fact's id was taken by other content; it applied under a new server id. */
    ID_ASSIGNED,
    /** An operator forced the operation (a sale recorded despite insufficient stock). */
    FORCED_BY_OPERATOR
}
