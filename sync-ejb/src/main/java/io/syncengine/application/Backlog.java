package io.syncengine.application;

import java.time.OffsetDateTime;
import java.util.List;

/** Port: what waits, per tenant — operations not yet applied, operations that failed, conflicts not yet settled. */
public interface Backlog {

    /** Every tenant that has something waiting; a tenant with nothing waiting is absent. */
    List<TenantBacklog> byTenant();

    /**
     * @param pending operations recorded and not yet applied
     * @param oldestPending when the oldest of them was received; null when none
     * @param failed operations that failed for a technical reason and wait for an operator's re-drive
     * @param openConflicts conflicts waiting for review
     */
    record TenantBacklog(String tenant, long pending, OffsetDateTime oldestPending, long failed,
            long openConflicts) {
    }
}
