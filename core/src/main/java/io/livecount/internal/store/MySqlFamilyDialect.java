package io.livecount.internal.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * MariaDB and MySQL. Keys are stored as UTF-8 bytes in VARBINARY columns: every utf8mb4 collation
 * both servers share is either case-insensitive or PAD SPACE ({@code 'a' = 'a '}).
 */
public class MySqlFamilyDialect extends SqlDialect {

    /** Text collations that compare bytes and keep trailing spaces significant. */
    private static final Set<String> EXACT_COLLATIONS = Set.of("utf8mb4_nopad_bin", "utf8mb4_0900_bin");

    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int OUT_OF_RANGE = 1690; // mysql-connector-j reports it as SQLState 22001

    /** MariaDB 10.5+ has INSERT ... RETURNING; MySQL has not. */
    public MySqlFamilyDialect(boolean mariaDb) {
        super(mariaDb ? "mariadb" : "mysql", "mysql", mariaDb);
    }

    @Override
    public String insertIfAbsentSql() {
        return "INSERT IGNORE INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)";
    }

    @Override
    protected String buildUpsert(int rows, boolean returning) {
        // VALUES(col) is deprecated in MySQL 8.0.20 but still works; the row-alias form that
        // replaces it is a syntax error on MariaDB.
        return "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES " + valuesList(rows, "(?, ?, ?, ?, ?)")
                + " ON DUPLICATE KEY UPDATE counter_value = counter_value + VALUES(counter_value)"
                + (returning ? " RETURNING " + COLUMNS : "");
    }

    @Override
    public void bindText(PreparedStatement statement, int index, String value) throws SQLException {
        statement.setBytes(index, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String readText(ResultSet resultSet, int column) throws SQLException {
        return new String(resultSet.getBytes(column), StandardCharsets.UTF_8);
    }

    @Override
    public boolean isConflict(SQLException e) {
        return e.getErrorCode() == DEADLOCK || e.getErrorCode() == LOCK_WAIT_TIMEOUT || super.isConflict(e);
    }

    @Override
    public boolean isOverflow(SQLException e) {
        return e.getErrorCode() == OUT_OF_RANGE || super.isOverflow(e);
    }

    @Override
    public Optional<String> schemaProblem(Connection connection) throws SQLException {
        String sql = "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME IN ('ns', 'counter_name')";
        List<String> problems = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, TABLE);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2).toLowerCase();
                    String charset = rs.getString(3);
                    String collation = rs.getString(4);
                    boolean exactText = "utf8mb4".equals(charset) && EXACT_COLLATIONS.contains(collation);
                    if (!type.equals("varbinary") && !exactText) {
                        problems.add("column %s.%s is %s with character set %s and collation %s"
                                .formatted(TABLE, rs.getString(1), type, charset, collation));
                    }
                }
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                String.join("; ", problems)
                        + ": keys would not be byte-exact (case folded or trailing spaces ignored) or 4-byte"
                        + " characters would be lost. Use VARBINARY as in " + schemaLocation()
                        + "/V1__livecount_counter.sql, or utf8mb4 with utf8mb4_nopad_bin (MariaDB) / utf8mb4_0900_bin (MySQL).");
    }
}
