package io.syncengine.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where pgbench connects, read from the JDBC URL the rest of the project uses for PostgreSQL, so the same URL can
 * be passed to the bench and to the server.
 */
record PostgresTarget(String jdbcUrl, String host, int port, String database, String user) {

    private static final Pattern URL = Pattern.compile(
            "jdbc:postgresql://(\\[[^\\]]+\\]|[^/:?]+)(?::(\\d+))?/([^?/]+)(\\?.*)?");

    static PostgresTarget parse(String jdbcUrl, String user) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): "
                    + jdbcUrl);
        }
        String host = m.group(1).replaceAll("^\\[|\\]$", "");
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        return new PostgresTarget(jdbcUrl, host, port, m.group(3), user);
    }
}
