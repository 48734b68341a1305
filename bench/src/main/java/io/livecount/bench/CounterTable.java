package io.livecount.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/** A plain counter table {@code (k VARCHAR(64) PRIMARY KEY, v BIGINT NOT NULL)} managed over JDBC. */
final class CounterTable {

    private static final int INSERT_CHUNK = 500;

    private final DataSource dataSource;
    private final String table;

    CounterTable(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    /** Creates the table if missing and leaves exactly one row per key, each at 0. */
    void reset(List<String> keys) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + table
                        + " (k VARCHAR(64) NOT NULL PRIMARY KEY, v BIGINT NOT NULL)");
                statement.executeUpdate("DELETE FROM " + table);
            }
            insertRows(connection, "INSERT INTO " + table + " (k, v) VALUES ", "(?, 0)", keys);
        }
    }

    /**
     * Inserts one row per key with multi-row INSERTs: {@code insert} followed by {@code row} (which
     * has one parameter, the key) repeated, comma-separated.
     */
    static void insertRows(Connection connection, String insert, String row, List<String> keys) throws SQLException {
        for (int from = 0; from < keys.size(); from += INSERT_CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + INSERT_CHUNK));
            String sql = insert + String.join(", ", Collections.nCopies(chunk.size(), row));
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 1, chunk.get(i));
                }
                statement.executeUpdate();
            }
        }
    }

    /** The sum of all stored values (the table holds only the current run's keys). */
    long total() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COALESCE(SUM(v), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
