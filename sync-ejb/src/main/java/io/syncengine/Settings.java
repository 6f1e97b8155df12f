package io.syncengine;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every setting of the server, in one table: its environment variable, its MicroProfile Config key (when the
 * application reads it), its default and what a valid value looks like. The launcher checks the environment
 * against it before it starts anything, the application checks its configuration against it before it deploys,
 * and a test keeps the README's configuration table equal to it. A bad value stops startup with one line naming
 * the setting.
 */
public final class Settings {

    /** What a valid value looks like; the sentence completes "must be …". */
    public record Check(String must, Function<String, Boolean> accepts) {

        static Check wholeNumber(long min) {
            return new Check("a whole number of at least " + min, value -> {
                try {
                    return Long.parseLong(value) >= min;
                } catch (NumberFormatException e) {
                    return false;
                }
            });
        }

        static Check port() {
            return new Check("a port number (1-65535)", value -> {
                try {
                    int port = Integer.parseInt(value);
                    return port >= 1 && port <= 65535;
                } catch (NumberFormatException e) {
                    return false;
                }
            });
        }

        static Check bool() {
            return new Check("true or false", value -> value.equals("true") || value.equals("false"));
        }

        static Check jdbcUrl() {
            return new Check("a PostgreSQL JDBC URL such as jdbc:postgresql://db:5432/sync",
                    value -> value.startsWith("jdbc:postgresql://") && value.length() > "jdbc:postgresql://".length());
        }

        static Check brokerUrl() {
            return new Check("an Artemis address such as tcp://broker:61616", value -> {
                try {
                    URI uri = URI.create(value);
                    return "tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0;
                } catch (IllegalArgumentException e) {
                    return false;
                }
            });
        }

        static Check heap() {
            Pattern size = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
            return new Check("a JVM heap size such as 512m or 2g", value -> size.matcher(value).matches());
        }

        static Check text() {
            return new Check("a non-empty text", value -> !value.isBlank());
        }

        static Check anything() {
            return new Check("anything", value -> true);
        }
    }

    /**
     * One setting.
     *
     * @param env      the environment variable
     * @param key      the MicroProfile Config key the application reads, or null for a setting of the launcher
     * @param fallback the default, or null when there is none (see {@code absent})
     * @param absent   what happens when it is not set and has no default (shown in the README)
     * @param required the application cannot start without it (the launcher always provides it)
     */
    public record Setting(String env, String key, String fallback, String absent, boolean required, Check check,
            String meaning) {

        /** The setting as people know it: {@code SYNC_X (sync.x)}. */
        public String name() {
            return key == null ? env : env + " (" + key + ")";
        }

        /**
         * Why {@code value} is not acceptable, or empty when it is.
         *
         * @param value    the value; null or blank is "not set"
         * @param enforced whether a required setting must be set here (the launcher provides it to the application)
         */
        public Optional<String> problem(String value, boolean enforced) {
            if (value == null || value.isBlank()) {
                return required && enforced ? Optional.of(name() + " is not set; it must be " + check.must())
                        : Optional.empty();
            }
            if (!check.accepts().apply(value.trim())) {
                return Optional.of(name() + " is '" + shown(value) + "'; it must be " + check.must());
            }
            return Optional.empty();
        }

        private String shown(String value) {
            return env.contains("PASSWORD") ? "***" : value.length() > 80 ? value.substring(0, 80) + "…" : value;
        }
    }

    private static Setting launcher(String env, String fallback, Check check, String meaning) {
        return new Setting(env, null, fallback, null, false, check, meaning);
    }

    private static Setting app(String env, String key, String fallback, Check check, String meaning) {
        return new Setting(env, key, fallback, null, false, check, meaning);
    }

    public static final List<Setting> ALL = List.of(
            launcher("SYNC_HTTP_PORT", "8080", Check.port(), "HTTP port of the server"),
            launcher("SYNC_DATA_DIR", "data", Check.text(),
                    "where instance data (`instance-<port>/`) and the development key pair (`keys/`) live"),
            new Setting("SYNC_DB_URL", SyncNames.CONFIG_DB_URL, null, "embedded PostgreSQL", true, Check.jdbcUrl(),
                    "JDBC URL of the database, e.g. `jdbc:postgresql://db:5432/sync` (required on Payara Server; "
                            + "the launcher creates the database if it does not exist)"),
            app("SYNC_DB_USER", SyncNames.CONFIG_DB_USER, "postgres", Check.text(), "database user"),
            app("SYNC_DB_PASSWORD", SyncNames.CONFIG_DB_PASSWORD, "", Check.anything(), "database password"),
            app("SYNC_DB_MIGRATE", SyncNames.CONFIG_DB_MIGRATE, "true", Check.bool(),
                    "`true`: the server applies the Liquibase changelogs on start; `false`: only a DBA does, and "
                            + "the server stays unready (503) until the schema is up to date"),
            new Setting("SYNC_BROKER_URL", null, null, "embedded broker", false, Check.brokerUrl(),
                    "an external Artemis broker, `tcp://host:port`; it must define the queues `sync.operations` "
                            + "and `sync.operations.dlq` (see `sync-jms/src/main/resources/io/syncengine/broker/"
                            + "broker.xml`)"),
            app("SYNC_BROKER_HOST", SyncNames.CONFIG_BROKER_HOST, "127.0.0.1", Check.text(),
                    "host of the broker the application connects to (the launcher sets it)"),
            new Setting("SYNC_BROKER_PORT", SyncNames.CONFIG_BROKER_PORT, "61616", null, false, Check.port(),
                    "port of the broker the application connects to; for the launcher, the embedded broker's port "
                            + "(default: a free port)"),
            launcher("SYNC_BROKER_MAX_DELIVERY_ATTEMPTS", "5", Check.wholeNumber(1),
                    "deliveries of a failing operation before the dead-letter queue"),
            launcher("SYNC_BROKER_REDELIVERY_DELAY_MS", "1000", Check.wholeNumber(0),
                    "first redelivery delay; doubles each time"),
            launcher("SYNC_BROKER_MAX_REDELIVERY_DELAY_MS", "30000", Check.wholeNumber(0),
                    "longest redelivery delay"),
            app("SYNC_APPLY_CONSUMERS", "sync.apply.consumers", "8", Check.wholeNumber(1),
                    "operations applied in parallel (MDB sessions); the launcher, when the database runs on the same"
                            + " machine (embedded, or `SYNC_DB_URL` on a local address), starts with one per core (at"
                            + " least 2) and one more, unless this is set (docs/benchmarks.md)"),
            app("SYNC_BATCH_MAX_OPERATIONS", SyncNames.CONFIG_MAX_OPERATIONS, "1000", Check.wholeNumber(1),
                    "operations per batch; more is 413"),
            app("SYNC_BATCH_MAX_BYTES", SyncNames.CONFIG_MAX_BYTES, "5242880", Check.wholeNumber(1024),
                    "bytes per batch (after gzip); more is 413"),
            app("SYNC_JSON_MAX_BYTES", SyncNames.CONFIG_JSON_MAX_BYTES, "1048576", Check.wholeNumber(1024),
                    "bytes of any other JSON body (resolutions, bulk requests; after gzip); more is 413"),
            app("SYNC_JSON_MAX_DEPTH", SyncNames.CONFIG_JSON_MAX_DEPTH, "32", Check.wholeNumber(8),
                    "objects and arrays nested deeper in any JSON body (batches too) is 400 naming the pointer"),
            app("SYNC_JSON_MAX_STRING_LENGTH", SyncNames.CONFIG_JSON_MAX_STRING_LENGTH, "10000",
                    Check.wholeNumber(256),
                    "characters of any string or member name in a JSON body; longer is 400 naming the pointer"),
            app("SYNC_RATE_PUSH_PER_SECOND", SyncNames.CONFIG_RATE_PUSH_PER_SECOND, "50", Check.wholeNumber(0),
                    "pushes a second per device once its burst is spent; more is 429 with `Retry-After`; `0` "
                            + "turns the limit off"),
            app("SYNC_RATE_PUSH_BURST", SyncNames.CONFIG_RATE_PUSH_BURST, "100", Check.wholeNumber(1),
                    "pushes a device may make at once"),
            app("SYNC_RATE_PULL_PER_SECOND", SyncNames.CONFIG_RATE_PULL_PER_SECOND, "50", Check.wholeNumber(0),
                    "pulls a second per device once its burst is spent; more is 429 with `Retry-After`; `0` "
                            + "turns the limit off"),
            app("SYNC_RATE_PULL_BURST", SyncNames.CONFIG_RATE_PULL_BURST, "200", Check.wholeNumber(1),
                    "pulls a device may make at once"),
            app("SYNC_RECOVERY_INTERVAL_SECONDS", SyncNames.CONFIG_RECOVERY_INTERVAL, "30", Check.wholeNumber(1),
                    "how often the recovery sweep runs"),
            app("SYNC_RECOVERY_REQUEUE_AFTER_SECONDS", SyncNames.CONFIG_RECOVERY_AFTER, "300",
                    Check.wholeNumber(1), "a pending operation never delivered for this long is re-queued"),
            app("SYNC_PULL_TOMBSTONE_RETENTION_DAYS", SyncNames.CONFIG_TOMBSTONE_RETENTION, "30",
                    Check.wholeNumber(1),
                    "how long deletes are kept for pulls; an older cursor is 410 `resync-required`"),
            app("SYNC_PULL_PURGE_INTERVAL_SECONDS", SyncNames.CONFIG_PURGE_INTERVAL, "3600", Check.wholeNumber(1),
                    "how often tombstones past the retention are purged"),
            app("SYNC_AUDIT_SEAL_INTERVAL_MS", SyncNames.CONFIG_SEAL_INTERVAL, "1000", Check.wholeNumber(10),
                    "how often new audit events are linked into their tenant's hash chain"),
            app("SYNC_METRICS_REFRESH_SECONDS", SyncNames.CONFIG_METRICS_REFRESH, "15", Check.wholeNumber(1),
                    "how often the backlog and queue gauges of `/metrics` are counted"),
            new Setting("SYNC_JWT_PUBLIC_KEY_LOCATION", "mp.jwt.verify.publickey.location", null,
                    "the generated key", false, Check.text(),
                    "URL or path of the token issuer's public key (PEM)"),
            app("SYNC_JWT_ISSUER", "mp.jwt.verify.issuer", "urn:sync-engine:local", Check.text(),
                    "the `iss` every token must carry"),
            app("MP_JWT_VERIFY_AUDIENCES", "mp.jwt.verify.audiences", "sync-api", Check.text(),
                    "the `aud` every token must carry"),
            launcher("SYNC_PAYARA_HEAP", "384m", Check.heap(), "heap of the Payara Micro JVM"),
            launcher("MALLOC_ARENA_MAX", "2", Check.wholeNumber(1), "glibc malloc arenas of the Payara Micro process "
                    + "(the launcher sets it unless it is set); fewer arenas, less RSS"),
            new Setting("SYNC_PAYARA_JAVA_OPTS", null, null, "none", false, Check.anything(),
                    "further JVM options for Payara Micro, space-separated; they come after the launcher's own (the "
                            + "parallel collector; C1 only on two cores or fewer), so they can override them"),
            launcher("SYNC_BROKER_HEAP", "128m", Check.heap(), "heap of the launcher JVM that hosts the broker"),
            launcher("SYNC_REBUILD", "false", Check.bool(), "`true` makes `bin/sync-server` rebuild before starting"));

    private Settings() {
    }

    /** Every problem of the launcher's environment, a line each (unset required settings are its to provide). */
    public static List<String> environmentProblems(Function<String, String> environment) {
        return problems(ALL, environment.compose(Setting::env), false);
    }

    /** Every problem of the application's configuration, a line each. */
    public static List<String> configurationProblems(Function<String, String> configuration) {
        return problems(application(), configuration.compose(Setting::key), true);
    }

    private static List<String> problems(List<Setting> settings, Function<Setting, String> value,
            boolean enforced) {
        List<String> problems = new ArrayList<>();
        for (Setting setting : settings) {
            setting.problem(value.apply(setting), enforced).ifPresent(problems::add);
        }
        return problems;
    }

    /** The default of the setting read from the environment variable {@code env} (null when it has none). */
    public static String fallback(String env) {
        return ALL.stream().filter(s -> s.env().equals(env)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no setting " + env)).fallback();
    }

    /** The settings the application reads through MicroProfile Config. */
    public static List<Setting> application() {
        return ALL.stream().filter(s -> s.key() != null).toList();
    }
}
