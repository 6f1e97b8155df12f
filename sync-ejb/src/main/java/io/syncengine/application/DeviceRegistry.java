package io.syncengine.application;

import io.syncengine.SyncNames;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Records a device's pulls on its status row (pushes are recorded with the batch, by {@link BatchIntake}). */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeviceRegistry {

    @PersistenceContext(unitName = SyncNames.LOCAL_PERSISTENCE_UNIT)
    private EntityManager em;

    public void pulled(String tenant, String deviceId, String cursor) {
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
