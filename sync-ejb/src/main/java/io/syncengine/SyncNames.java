package io.syncengine;

/**
 * The one home for names shared across modules: JNDI names, queue names, the resource adapter's name and
 * MicroProfile Config keys. Every config key is settable as an environment variable by the MicroProfile rule
 * ({@code sync.db.url} becomes {@code SYNC_DB_URL}).
 */
public final class SyncNames {

    /** The XA datasource: for transactions that also send to the broker. */
    public static final String DATASOURCE = "java:app/jdbc/sync";
    /** The non-XA datasource: for transactions with only the database in them (apply, reads). */
    public static final String LOCAL_DATASOURCE = "java:app/jdbc/sync-local";
    /** The JTA-enlisted JMS connection factory, bound to the Artemis resource adapter. */
    public static final String CONNECTION_FACTORY = "java:app/jms/sync";
    /** The deployed name of the Artemis resource adapter (the RAR file name without {@code .rar}). */
    public static final String RESOURCE_ADAPTER = "artemis-ra";
    /** Queue that carries one message per accepted operation. */
    public static final String OPERATIONS_QUEUE = "sync.operations";
    /** Where the broker moves an operation message after its last failed delivery. */
    public static final String DEAD_LETTER_QUEUE = "sync.operations.dlq";
    /** Persistence unit on the XA datasource. */
    public static final String PERSISTENCE_UNIT = "sync";
    /** Persistence unit on the non-XA datasource. */
    public static final String LOCAL_PERSISTENCE_UNIT = "sync-local";

    public static final String CONFIG_DB_URL = "sync.db.url";
    public static final String CONFIG_DB_USER = "sync.db.user";
    public static final String CONFIG_DB_PASSWORD = "sync.db.password";
    public static final String CONFIG_DB_MIGRATE = "sync.db.migrate";
    public static final String CONFIG_BROKER_HOST = "sync.broker.host";
    public static final String CONFIG_BROKER_PORT = "sync.broker.port";
    public static final String CONFIG_MAX_OPERATIONS = "sync.batch.max-operations";
    public static final String CONFIG_MAX_BYTES = "sync.batch.max-bytes";
    public static final String CONFIG_JSON_MAX_BYTES = "sync.json.max-bytes";
    public static final String CONFIG_JSON_MAX_DEPTH = "sync.json.max-depth";
    public static final String CONFIG_JSON_MAX_STRING_LENGTH = "sync.json.max-string-length";
    public static final String CONFIG_RATE_PUSH_PER_SECOND = "sync.rate.push-per-second";
    public static final String CONFIG_RATE_PUSH_BURST = "sync.rate.push-burst";
    public static final String CONFIG_RATE_PULL_PER_SECOND = "sync.rate.pull-per-second";
    public static final String CONFIG_RATE_PULL_BURST = "sync.rate.pull-burst";
    public static final String CONFIG_RECOVERY_INTERVAL = "sync.recovery.interval-seconds";
    public static final String CONFIG_RECOVERY_AFTER = "sync.recovery.requeue-after-seconds";
    public static final String CONFIG_TOMBSTONE_RETENTION = "sync.pull.tombstone-retention-days";
    public static final String CONFIG_PURGE_INTERVAL = "sync.pull.purge-interval-seconds";
    public static final String CONFIG_SEAL_INTERVAL = "sync.audit.seal-interval-ms";
    public static final String CONFIG_METRICS_REFRESH = "sync.metrics.refresh-seconds";

    /** JMS message properties that carry an operation's identity (the body carries the same, as JSON). */
    public static final String PROPERTY_TENANT = "tenant";
    public static final String PROPERTY_DEVICE = "deviceId";
    public static final String PROPERTY_OP_ID = "opId";
    public static final String PROPERTY_SEQ = "seq";

    private SyncNames() {
    }
}
