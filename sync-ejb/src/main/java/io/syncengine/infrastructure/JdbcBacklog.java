package io.syncengine.infrastructure;

import io.syncengine.SyncNames;
import io.syncengine.application.Backlog;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The backlog counted in PostgreSQL. Each count matches the predicate of a partial index (pending operations,
 * failed operations, open conflicts), so it reads only what waits, however long the operation log grows.
 */
@ApplicationScoped
public class JdbcBacklog implements Backlog {

    private static final String QUERY = """
            SELECT tenant, sum(pending) AS pending, min(oldest) AS oldest, sum(failed) AS failed,
                   sum(open_conflicts) AS open_conflicts
            FROM (
                SELECT tenant, count(*) AS pending, min(received_at) AS oldest, 0 AS failed, 0 AS open_conflicts
                FROM sync_operation WHERE status = 'PENDING' GROUP BY tenant
                UNION ALL
                SELECT tenant, 0, NULL, count(*), 0 FROM sync_operation WHERE status = 'FAILED' GROUP BY tenant
                UNION ALL
                SELECT tenant, 0, NULL, 0, count(*) FROM sync_conflict WHERE status = 'OPEN' GROUP BY tenant
            ) waiting
            GROUP BY tenant ORDER BY tenant""";

    @Resource(lookup = SyncNames.LOCAL_DATASOURCE)
    private DataSource dataSource;

    @Override
    public List<TenantBacklog> byTenant() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(QUERY)) {
            List<TenantBacklog> backlog = new ArrayList<>();
            while (rows.next()) {
                backlog.add(new TenantBacklog(rows.getString("tenant"), rows.getLong("pending"),
                        rows.getObject("oldest", OffsetDateTime.class), rows.getLong("failed"),
                        rows.getLong("open_conflicts")));
            }
            return backlog;
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the backlog: " + e.getMessage(), e);
        }
    }
}
