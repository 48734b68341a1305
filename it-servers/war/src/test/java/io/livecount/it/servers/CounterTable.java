package io.livecount.it.servers;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads {@code livecount_counter} directly, beside the server: what a variant's service wrote to the
 * MariaDB or PostgreSQL data source its WAR defines (the H2 of a server's default data source is not
 * reachable from outside).
 */
final class CounterTable {

    private CounterTable() {}

    /** Whether the test can read the table that {@code variant} counts in. */
    static boolean readable(Variant variant) {
        return variant.database() == Variant.Database.MARIADB || variant.database() == Variant.Database.POSTGRESQL;
    }

    /** The all-time total of {@code key} in {@code namespace}, 0 without a row. */
    static long storedTotal(Variant variant, String namespace, String key) throws SQLException {
        boolean mariaDb = variant.database() == Variant.Database.MARIADB;
        String sql = "SELECT counter_value FROM livecount_counter"
                + " WHERE ns = ? AND counter_name = ? AND period_type = 'ALL'";
        try (Connection c = mariaDb
                        ? DriverManager.getConnection(TestWars.MARIADB_URL, "root", "")
                        : DriverManager.getConnection(TestWars.POSTGRESQL_URL, TestWars.POSTGRESQL_USER, "");
                PreparedStatement s = c.prepareStatement(sql)) {
            if (mariaDb) { // VARBINARY columns: the UTF-8 bytes
                s.setBytes(1, namespace.getBytes(StandardCharsets.UTF_8));
                s.setBytes(2, key.getBytes(StandardCharsets.UTF_8));
            } else {
                s.setString(1, namespace);
                s.setString(2, key);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }
}
