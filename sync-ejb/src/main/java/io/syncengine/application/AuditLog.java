package io.syncengine.application;

import io.syncengine.domain.model.AuditEvent;
import java.time.OffsetDateTime;
import java.util.function.Consumer;

/**
 * The auditors' log: the event log the database appends to with every change of an operation, the hash chain
 * over it, and the operation log as auditors query it. Reads stream their rows to a sink in page order, so an
 * export's memory does not grow with its length.
 */
public interface AuditLog {

    /**
     * Links the next events whose transactions have finished into their tenants' chains, at most {@code max}.
     *
     * @return how many were linked (fewer than {@code max}: none are waiting now)
     */
    int seal(int max);

    /** Events in (recordedAt, id) order after {@code after}, at most {@code limit}; returns whether more follow. */
    boolean events(String tenant, AuditFilter filter, EventPosition after, long limit, Consumer<AuditEvent> sink);

    /**
     * Operations in the order they were received (their RECEIVED events' page order), or, filtered by APPLIED,
     * REJECTED or CONFLICT, in the order they reached it, after {@code after}; returns whether more follow.
     */
    boolean operations(String tenant, AuditFilter filter, EventPosition after, long limit,
            Consumer<AuditedOperation> sink);

    /** Recomputes the tenant's links sealed in [from, to) (either end open when null). */
    AuditVerification verify(String tenant, OffsetDateTime from, OffsetDateTime to);

    /** An event's place in page order (for an operation, its RECEIVED event's). */
    record EventPosition(OffsetDateTime recordedAt, long id) {
    }
}
