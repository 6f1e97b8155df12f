package io.syncengine.application;

import io.syncengine.SyncNames;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Device status, computed from the device row and the operation log: counts come from the partial indexes on
 * pending and failed operations and open conflicts, gaps from the device's seqs.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DeviceQueries {

    /** Most seq gaps one status lists. */
    public static final int MAX_GAPS = 100;

    private static final String COLUMNS = "d.device_id, d.first_seen_at, d.last_push_at, d.last_batch_id, "
            + "d.last_pull_at, d.last_cursor, d.max_seq, d.clock_skew_ms, "
            + "(SELECT count(*) FROM sync_operation o WHERE o.tenant = d.tenant AND o.device_id = d.device_id "
            + "AND o.status = 'PENDING'), "
            + "(SELECT count(*) FROM sync_operation o WHERE o.tenant = d.tenant AND o.device_id = d.device_id "
            + "AND o.status = 'FAILED'), "
            + "(SELECT count(*) FROM sync_conflict c WHERE c.tenant = d.tenant AND c.device_id = d.device_id "
            + "AND c.status = 'OPEN') ";

    @PersistenceContext(unitName = SyncNames.LOCAL_PERSISTENCE_UNIT)
    private EntityManager em;

    public DeviceStatusView status(Caller caller, String deviceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + "FROM sync_device d "
                        + "WHERE d.tenant = ?1 AND d.device_id = ?2")
                .setParameter(1, caller.tenant())
                .setParameter(2, deviceId)
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("device " + deviceId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> gaps = em.createNativeQuery("SELECT seq + 1, next - 1, sum(next - seq - 1) OVER () "
                        + "FROM (SELECT seq, lead(seq) OVER (ORDER BY seq) AS next FROM sync_operation "
                        + "WHERE tenant = ?1 AND device_id = ?2 AND seq IS NOT NULL) s "
                        + "WHERE next > seq + 1 ORDER BY seq LIMIT " + MAX_GAPS)
                .setParameter(1, caller.tenant())
                .setParameter(2, deviceId)
                .getResultList();
        List<DeviceStatusView.SeqGap> found = gaps.stream()
                .map(g -> new DeviceStatusView.SeqGap(number(g[0]), number(g[1]))).toList();
        long missing = gaps.isEmpty() ? 0 : number(gaps.get(0)[2]);
        return view(rows.get(0), found, missing);
    }

    public DevicePage list(Caller caller, DeviceFilter filter, int limit, String cursor) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + "FROM sync_device d WHERE d.tenant = ?1");
        List<Object> params = new ArrayList<>();
        params.add(caller.tenant());
        if (filter.staleSince() != null) {
            params.add(filter.staleSince());
            sql.append(" AND GREATEST(COALESCE(d.last_push_at, d.first_seen_at), "
                    + "COALESCE(d.last_pull_at, d.first_seen_at)) < ?").append(params.size());
        }
        if (filter.hasOpenConflicts() != null) {
            sql.append(filter.hasOpenConflicts() ? " AND EXISTS" : " AND NOT EXISTS")
                    .append(" (SELECT 1 FROM sync_conflict c WHERE c.tenant = d.tenant "
                            + "AND c.device_id = d.device_id AND c.status = 'OPEN')");
        }
        if (filter.hasFailedOps() != null) {
            sql.append(filter.hasFailedOps() ? " AND EXISTS" : " AND NOT EXISTS")
                    .append(" (SELECT 1 FROM sync_operation o WHERE o.tenant = d.tenant "
                            + "AND o.device_id = d.device_id AND o.status = 'FAILED')");
        }
        if (cursor != null) {
            params.add(CursorText.decode(cursor, 1)[0]);
            sql.append(" AND d.device_id > ?").append(params.size());
        }
        sql.append(" ORDER BY d.device_id LIMIT ").append(limit + 1);
        Query query = em.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        boolean more = rows.size() > limit;
        List<DeviceStatusView> page = rows.stream().limit(limit).map(r -> view(r, null, null)).toList();
        return new DevicePage(page, more ? CursorText.encode(page.get(limit - 1).deviceId()) : null);
    }

    private static DeviceStatusView view(Object[] r, List<DeviceStatusView.SeqGap> gaps, Long missing) {
        return new DeviceStatusView((String) r[0], time(r[1]), time(r[2]), (String) r[3], time(r[4]),
                (String) r[5], r[6] == null ? null : number(r[6]), r[7] == null ? null : number(r[7]),
                number(r[8]), number(r[9]), number(r[10]), gaps, missing);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }
}
