package io.syncengine.infrastructure;

import io.syncengine.SyncNames;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.annotation.sql.DataSourceDefinitions;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.logging.Logger;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
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
 *
 * <p>The singletons with timers (audit sealing, recovery, purge, metrics) depend on it, so their timers start once
 * the schema is up to date: on a new database the first seal ran before the tables existed and logged a failure.
 */
@Singleton
@Startup
@DependsOn("ConfigurationCheck")
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
                "reWriteBatchedInserts=true",
                // After a database restart or failover the pool's connections are dead: a pooled connection is
                // checked (a round trip) before it is handed out if it has not been for a second, and one that
                // fails makes the pool drop them all, so the server recovers by itself when the database returns.
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
                "fish.payara.validate-atmost-once-period-in-seconds=1",
                "fish.payara.fail-all-connections=true"
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
                "reWriteBatchedInserts=true",
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
                "fish.payara.validate-atmost-once-period-in-seconds=1",
                "fish.payara.fail-all-connections=true"
            })
})
public class SchemaMigration {

    static final String CHANGELOG = "db/changelog/db.changelog-master.xml";
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Optional here so that a missing URL is reported by {@link ConfigurationCheck}, naming the setting. */
    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_DB_URL)
    private Optional<String> url;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_DB_USER, defaultValue = "postgres")
    private String user;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_DB_PASSWORD, defaultValue = "")
    private Optional<String> password;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_DB_MIGRATE, defaultValue = "true")
    private boolean migrate;

    private volatile boolean done;
    private volatile int unapplied = -1;
    private volatile long checkedAt;

    /**
     * Migrates over a plain connection of its own: Liquibase commits as it goes, which the XA pool's connections
     * refuse while the container holds them in a transaction. With {@code sync.db.migrate=false} (shops where only
     * DBAs change schemas) it only checks, and the server stays unready until the DBA has applied every changeset.
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        if (!migrate) {
            check();
            return;
        }
        try (Connection connection = connect()) {
            update(connection);
            unapplied = 0;
            done = true;
            LOG.info("database schema is up to date");
        } catch (Exception e) {
            throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
        }
    }

    /** Whether the schema is up to date; when the server does not migrate, asked of the database now and then. */
    public boolean isDone() {
        if (!done && !migrate && System.nanoTime() - checkedAt > RECHECK_NANOS) {
            check();
        }
        return done;
    }

    /** Changesets the database lacks (-1 until known). */
    public int unappliedChangesets() {
        return unapplied;
    }

    private synchronized void check() {
        checkedAt = System.nanoTime();
        try (Connection connection = connect()) {
            List<String> missing = unapplied(connection);
            unapplied = missing.size();
            done = missing.isEmpty();
            if (done) {
                LOG.info("database schema is up to date (migrated by a DBA: " + SyncNames.CONFIG_DB_MIGRATE
                        + " is false)");
            } else {
                LOG.warning("database schema lacks " + missing.size() + " changesets (first: " + missing.get(0)
                        + "): the server stays unready until they are applied (" + SyncNames.CONFIG_DB_MIGRATE
                        + " is false, so it does not apply them itself)");
            }
        } catch (Exception e) {
            LOG.warning("could not check the database schema: " + e.getMessage());
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url.orElseThrow(), user, password.orElse(""));
    }

    /** Applies every changeset the database lacks. */
    public static void update(Connection connection) throws Exception {
        try (Liquibase liquibase = liquibase(connection)) {
            liquibase.update(new Contexts(), new LabelExpression());
        }
    }

    /** The changesets the database lacks, as {@code file::id::author}, in the order they would be applied. */
    public static List<String> unapplied(Connection connection) throws Exception {
        try (Liquibase liquibase = liquibase(connection)) {
            return liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()).stream()
                    .map(ChangeSet::toString).toList();
        }
    }

    private static Liquibase liquibase(Connection connection) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        return new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(SchemaMigration.class.getClassLoader()),
                database);
    }
}
