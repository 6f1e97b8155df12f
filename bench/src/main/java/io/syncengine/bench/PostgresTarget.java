package io.syncengine.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's database, where pgbench runs and the pull's records are seeded, read from the JDBC URL the rest of
 * the project uses for PostgreSQL, so the same URL can be passed to the bench and to the server.
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

    /** The same server and user, another database on it. */
    PostgresTarget withDatabase(String name) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return new PostgresTarget(jdbcUrl.substring(0, m.start(3)) + name + jdbcUrl.substring(m.end(3)), host, port,
                name, user);
    }

    /** A connection as {@link #user}, with a login timeout so that a wrong host fails the run instead of hanging it. */
    Connection connect(String password) throws SQLException {
        DriverManager.setLoginTimeout(10);
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
