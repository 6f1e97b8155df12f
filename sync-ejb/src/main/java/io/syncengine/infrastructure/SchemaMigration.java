package io.syncengine.infrastructure;

import io.syncengine.SyncNames;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.annotation.sql.DataSourceDefinitions;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Optional;
import java.util.logging.Logger;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Brings the schema up to date with the Liquibase changelogs before the application serves anything, and defines
 * the application's two datasources on the same database: an XA one ({@code PGXADataSource}) for the transactions
 * that record and queue together (PostgreSQL therefore needs {@code max_prepared_transactions > 0}), and a plain
 * one for every transaction with only the database in it, which then stays a cheap local transaction instead of
 * being promoted to the distributed transaction service.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@DataSourceDefinitions({
    @DataSourceDefinition(
            name = SyncNames.DATASOURCE,
            className = "org.postgresql.xa.PGXADataSource",
            url = "${MPCONFIG=sync.db.url}",
            user = "${MPCONFIG=sync.db.user}",
            password = "${MPCONFIG=sync.db.password}",
            minPoolSize = 4,
            maxPoolSize = 40,
            properties = {
                // JSON text is bound as a string and cast by the server to jsonb.
                "stringtype=unspecified",
                "reWriteBatchedInserts=true"
            }),
    @DataSourceDefinition(
            name = SyncNames.LOCAL_DATASOURCE,
            className = "org.postgresql.ds.PGSimpleDataSource",
            url = "${MPCONFIG=sync.db.url}",
            user = "${MPCONFIG=sync.db.user}",
            password = "${MPCONFIG=sync.db.password}",
            minPoolSize = 4,
            maxPoolSize = 24,
            properties = {
                "stringtype=unspecified",
                "reWriteBatchedInserts=true"
            })
})
public class SchemaMigration {

    static final String CHANGELOG = "db/changelog/db.changelog-master.xml";
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_DB_URL)
    private String url;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_DB_USER, defaultValue = "postgres")
    private String user;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_DB_PASSWORD, defaultValue = "")
    private Optional<String> password;

    private volatile boolean done;

    /**
     * Migrates over a plain connection of its own: Liquibase commits as it goes, which the XA pool's connections
     * refuse while the container holds them in a transaction.
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        try (Connection connection = DriverManager.getConnection(url, user, password.orElse(""))) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase(CHANGELOG,
                    new ClassLoaderResourceAccessor(SchemaMigration.class.getClassLoader()), database)) {
                liquibase.update("");
            }
            done = true;
            LOG.info("database schema is up to date");
        } catch (Exception e) {
            throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
        }
    }

    public boolean isDone() {
        return done;
    }
}
