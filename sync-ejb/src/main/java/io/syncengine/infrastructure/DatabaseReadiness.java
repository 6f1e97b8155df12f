package io.syncengine.infrastructure;

import io.syncengine.SyncNames;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the schema migration has finished and the database answers. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = SyncNames.DATASOURCE)
    private DataSource dataSource;

    @Inject
    private SchemaMigration migration;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database").withData("migrated", migration.isDone())
                .withData("unappliedChangesets", migration.unappliedChangesets());
        if (!migration.isDone()) {
            return response.down().build();
        }
        try (Connection connection = dataSource.getConnection()) {
            return response.status(connection.isValid(2)).build();
        } catch (SQLException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
