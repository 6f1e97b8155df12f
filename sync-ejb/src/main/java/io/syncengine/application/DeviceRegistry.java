package io.syncengine.application;

import io.syncengine.SyncNames;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Records a device's pulls on its status row (pushes are recorded with the batch, by {@link BatchIntake}).
 *
 * <p>A pull is recorded after its page has been written and before the answer ends, so the terminal waits for this
 * transaction. Its commit does not wait for the write-ahead log to reach the disk ({@code synchronous_commit =
 * off}, for this transaction only): on a busy server that flush queues behind the apply transactions' own. What a
 * crash can lose is the last pull time and cursor of the last fraction of a second, which the device's next pull
 * writes again; the record is never inconsistent.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeviceRegistry {

    @PersistenceContext(unitName = SyncNames.LOCAL_PERSISTENCE_UNIT)
    private EntityManager em;

    public void pulled(String tenant, String deviceId, String cursor) {
        em.createNativeQuery("SELECT set_config('synchronous_commit', 'off', true)").getSingleResult();
        em.createNativeQuery("INSERT INTO sync_device AS d (tenant, device_id, first_seen_at, last_pull_at, "
                        + "last_cursor) VALUES (?1, ?2, ?3, ?3, ?4) ON CONFLICT (tenant, device_id) DO UPDATE "
                        + "SET last_pull_at = EXCLUDED.last_pull_at, last_cursor = EXCLUDED.last_cursor")
                .setParameter(1, tenant)
                .setParameter(2, deviceId)
                .setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(4, cursor)
                .executeUpdate();
    }
}
