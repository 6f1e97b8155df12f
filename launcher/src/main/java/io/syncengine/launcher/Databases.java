package io.syncengine.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Creates and drops databases on a PostgreSQL server, and checks the server settings the application needs. */
public final class Databases {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private Databases() {
    }

    /** The same server URL, naming database {@code name} instead. */
    public static String withDatabase(String url, String name) {
        Matcher m = matcher(url);
        return m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
    }

    public static String databaseName(String url) {
        return matcher(url).group(2);
    }

    /**
     * Whether the URL's server runs on this machine: its host is a loopback name or address, or an address of one
     * of this machine's interfaces. A host that does not resolve is taken for another machine.
     */
    public static boolean onThisMachine(String url) {
        String hosts = matcher(url).group(1).substring("jdbc:postgresql://".length());
        String host = hosts.substring(0, hosts.length() - 1).split(",")[0];
        if (host.startsWith("[")) {
            host = host.substring(1, host.indexOf(']'));
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        if (host.isEmpty() || host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates the database the URL names, unless it exists. */
    public static void ensureExists(String url, String user, String password) throws SQLException {
        String name = databaseName(url);
        try (Connection c = DriverManager.getConnection(withDatabase(url, "postgres"), user, password);
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("CREATE DATABASE " + quoted(name));
                    }
                }
            }
        }
    }

    public static void drop(String url, String user, String password) throws SQLException {
        String name = databaseName(url);
        try (Connection c = DriverManager.getConnection(withDatabase(url, "postgres"), user, password);
                Statement drop = c.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + quoted(name) + " WITH (FORCE)");
        }
    }

    /**
     * Fails with a message naming the setting when the server cannot take part in two-phase commit.
     */
    public static void requirePreparedTransactions(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW max_prepared_transactions")) {
            rs.next();
            if (Integer.parseInt(rs.getString(1)) < 1) {
                throw new IllegalStateException("PostgreSQL at " + withDatabase(url, "")
                        + " has max_prepared_transactions = 0; the sync server records and queues each batch in one"
                        + " two-phase transaction and needs it above 0 (e.g. ALTER SYSTEM SET"
                        + " max_prepared_transactions = 100; then restart PostgreSQL)");
            }
        }
    }

    private static Matcher matcher(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): "
                    + url);
        }
        return m;
    }

    private static String quoted(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must be letters, digits and _: " + name);
        }
        return "\"" + name + "\"";
    }
}
