package io.syncengine.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Started once the schema is up to date: before that, nothing else is worth probing. */
@org.eclipse.microprofile.health.Startup
@ApplicationScoped
public class MigrationStartup implements HealthCheck {

    @Inject
    private SchemaMigration migration;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("schema").status(migration.isDone()).build();
    }
}
