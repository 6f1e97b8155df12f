package io.syncengine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncengine.schema.ScratchDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each of the schema ceiling's scripts is one operation's life on the schema the changelogs make today: run once
 * through JDBC (pgbench's variables filled in), it leaves the operation APPLIED with its two audit events and the
 * records changed. A changelog that breaks a script (a new NOT NULL column, a renamed one) fails here rather than
 * as a skipped ceiling in someone's benchmark report.
 */
class SchemaCeilingTest {

    private static final Pattern VARIABLE = Pattern.compile("(?<!:):([a-z_][a-z0-9_]*)");

    @ParameterizedTest
    @EnumSource(Mix.class)
    void eachScriptIsOneAppliedOperationWithItsAuditEvents(Mix mix) throws Exception {
        SchemaCeiling ceiling = new SchemaCeiling(mix, null, "", 5, "test");
        ScratchDatabase.run(database -> {
            SchemaCeiling.migrate(database.connect());
            try (Connection c = database.connect()) {
                ceiling.seed(c);
                int n = 40;
                for (Pgbench.Script script : ceiling.scripts()) {
                    n++;
                    String product = mix == Mix.SALES && script.name().equals("edit") ? "23" : "3";
                    run(c, script.text(), Map.of("n", Integer.toString(n), "pid", product, "p1", "3", "p2", "4",
                            "client_id", "7"));

                    assertEquals(List.of("APPLIED"), column(c, "SELECT status FROM sync_operation"
                            + " WHERE tenant = 'bench' AND device_id = 'till-7' AND op_id = 'op-" + n + "'"),
                            script.name());
                    assertEquals(List.of("RECEIVED", "APPLIED"), column(c, "SELECT event_type FROM audit_event"
                            + " WHERE op_id = 'op-" + n + "' ORDER BY id"), script.name());
                    switch (script.name()) {
                        case "update", "edit" -> assertEquals(List.of("2"), column(c, "SELECT version FROM product"
                                + " WHERE id = 'p-" + product + "'"), script.name());
                        case "sale" -> assertEquals(List.of("p-3", "p-4"), column(c, "SELECT l.product_id"
                                + " FROM sale s JOIN sale_line l ON l.tenant = s.tenant AND l.sale_id = s.id"
                                + " WHERE s.id = 's-" + n + "' ORDER BY l.line_no"));
                        case "movement" -> assertEquals(List.of("p-3"), column(c, "SELECT product_id"
                                + " FROM stock_movement WHERE id = 'm-" + n + "'"));
                        default -> throw new AssertionError("a script this test does not know: " + script.name());
                    }
                }
                if (mix == Mix.SALES) {
                    // The sale took one each from p-3 and p-4, the delivery gave ten to p-3.
                    assertEquals(List.of(Long.toString(SharedProducts.STOCK + 9),
                            Long.toString(SharedProducts.STOCK - 1)), column(c, "SELECT stock FROM product"
                            + " WHERE id IN ('p-3', 'p-4') ORDER BY id"));
                    assertEquals(List.of("sale", "movement", "edit"), ceiling.scripts().stream()
                            .map(Pgbench.Script::name).toList());
                    assertEquals(List.of(70, 20, 10), ceiling.scripts().stream().map(Pgbench.Script::weight)
                            .toList());
                }
            }
        });
    }

    /** Runs one pgbench script through JDBC in a transaction, its variables given. */
    private static void run(Connection c, String script, Map<String, String> values) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String statement : statements(script, values)) {
                s.execute(statement);
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** The script's SQL lines with its variables filled in, without its meta-commands and its BEGIN and END. */
    private static List<String> statements(String script, Map<String, String> values) {
        List<String> statements = new ArrayList<>();
        for (String line : script.split("\n")) {
            if (line.isBlank() || line.startsWith("\\") || line.equals("BEGIN;") || line.equals("END;")) {
                continue;
            }
            Matcher m = VARIABLE.matcher(line);
            StringBuilder filled = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(filled, Matcher.quoteReplacement(values.get(m.group(1))));
            }
            m.appendTail(filled);
            statements.add(filled.toString());
        }
        return statements;
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
