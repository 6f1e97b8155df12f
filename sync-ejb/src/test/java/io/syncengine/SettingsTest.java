package io.syncengine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The settings table: its checks, and that the README, SyncNames and the shipped defaults agree with it. */
class SettingsTest {

    private static final Path README = Path.of("../README.md");
    private static final Path DEFAULTS = Path.of("../sync-web/src/main/resources/META-INF/"
            + "microprofile-config.properties");

    /** Shipped configuration that is not meant to be changed. */
    private static final Set<String> FIXED = Set.of(
            "mp.jwt.verify.publickey.algorithm", // only RS256 tokens are accepted
            "mp.openapi.scan.disable", // the OpenAPI document is written by hand (META-INF/openapi.yaml)
            "mp.metrics.distribution.timer.buckets"); // the apply time's histogram buckets

    @Test
    void everyDefaultPassesItsOwnCheck() {
        for (Settings.Setting setting : Settings.ALL) {
            if (setting.fallback() != null && !setting.fallback().isEmpty()) {
                assertEquals(java.util.Optional.empty(), setting.problem(setting.fallback(), true), setting.env());
            }
        }
    }

    @Test
    void aBadValueIsOneLineNamingTheSettingAndWhatItMustBe() {
        Map<String, String> environment = Map.of("SYNC_RATE_PUSH_BURST", "lots", "SYNC_HTTP_PORT", "8080");
        List<String> problems = Settings.environmentProblems(environment::get);
        assertEquals(List.of("SYNC_RATE_PUSH_BURST (sync.rate.push-burst) is 'lots'; it must be a whole number of at"
                + " least 1"), problems);

        assertEquals(List.of("SYNC_HTTP_PORT is '70000'; it must be a port number (1-65535)"),
                Settings.environmentProblems(Map.of("SYNC_HTTP_PORT", "70000")::get));
        assertEquals(List.of("SYNC_DB_URL (sync.db.url) is 'postgres://db/sync'; it must be a PostgreSQL JDBC URL "
                + "such as jdbc:postgresql://db:5432/sync"),
                Settings.environmentProblems(Map.of("SYNC_DB_URL", "postgres://db/sync")::get));
        assertEquals(List.of("SYNC_BROKER_URL is 'broker:61616'; it must be an Artemis address such as "
                + "tcp://broker:61616"), Settings.environmentProblems(Map.of("SYNC_BROKER_URL", "broker:61616")::get));
    }

    @Test
    void theLauncherProvidesTheDatabaseButTheApplicationRequiresIt() {
        assertEquals(List.of(), Settings.environmentProblems(Map.<String, String>of()::get));
        Map<String, String> configuration = new HashMap<>();
        assertEquals(List.of("SYNC_DB_URL (sync.db.url) is not set; it must be a PostgreSQL JDBC URL such as "
                + "jdbc:postgresql://db:5432/sync"), Settings.configurationProblems(configuration::get));
        configuration.put("sync.db.url", "jdbc:postgresql://db:5432/sync");
        configuration.put("sync.db.migrate", "maybe");
        assertEquals(List.of("SYNC_DB_MIGRATE (sync.db.migrate) is 'maybe'; it must be true or false"),
                Settings.configurationProblems(configuration::get));
    }

    @Test
    void everyConfigKeyTheCodeNamesIsInTheTable() throws IllegalAccessException {
        Set<String> keys = Settings.ALL.stream().map(Settings.Setting::key).filter(k -> k != null)
                .collect(Collectors.toSet());
        for (Field field : SyncNames.class.getFields()) {
            if (field.getName().startsWith("CONFIG_") && Modifier.isStatic(field.getModifiers())) {
                assertTrue(keys.contains((String) field.get(null)), field.getName() + " is not in Settings.ALL");
            }
        }
    }

    @Test
    void theShippedDefaultsAreTheTablesDefaults() throws IOException {
        Properties defaults = new Properties();
        try (Reader in = Files.newBufferedReader(DEFAULTS)) {
            defaults.load(in);
        }
        Map<String, Settings.Setting> byKey = Settings.ALL.stream().filter(s -> s.key() != null)
                .collect(Collectors.toMap(Settings.Setting::key, s -> s));
        for (String key : defaults.stringPropertyNames()) {
            if (FIXED.contains(key)) {
                continue;
            }
            Settings.Setting setting = byKey.get(key);
            assertTrue(setting != null, key + " is shipped with a default but is not in Settings.ALL");
            assertEquals(setting.fallback(), defaults.getProperty(key), key);
        }
    }

    /** The README's configuration table is this table, row for row (the failure shows the table to paste). */
    @Test
    void theReadmeTableIsTheSettingsTable() throws IOException {
        String readme = Files.readString(README);
        String expected = table();
        assertTrue(readme.contains(expected), "README.md's configuration table should read:\n" + expected);
        Set<String> documented = new TreeSet<>();
        for (String line : readme.split("\n")) {
            // A row named by an environment variable (the API table's rows start with a method and a path).
            if (line.matches("\\| `[A-Z][A-Z0-9_]*`.*")) {
                documented.add(line);
            }
        }
        assertEquals(Settings.ALL.size(), documented.size(), "one README row per setting");
    }

    static String table() {
        StringBuilder table = new StringBuilder("| Setting | Default | Meaning |\n|---|---|---|\n");
        for (Settings.Setting s : Settings.ALL) {
            String name = "`" + s.env() + "`" + (s.key() == null ? "" : " (`" + s.key() + "`)");
            String fallback = s.fallback() == null ? s.absent() : s.fallback().isEmpty() ? "empty"
                    : "`" + s.fallback() + "`";
            table.append("| ").append(name).append(" | ").append(fallback).append(" | ").append(s.meaning())
                    .append(" |\n");
        }
        return table.toString();
    }
}
