package io.livecount.internal.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** MariaDB's INSERT IGNORE ... RETURNING returns the rows it inserted, not those it skipped. */
    @Override
    public String insertIfAbsentReturningKeysSql(int rows) {
        return canReturnValues()
                ? "INSERT IGNORE INTO " + TABLE + " (" + COLUMNS + ") VALUES " + valuesList(rows, "(?, ?, ?, ?, ?)")
                        + " RETURNING ns, counter_name"
                : null;
    }

    /**
     * An existing key row is "updated" to a value out of a long's range: the server refuses the
     * statement (error 1690 in every sql_mode), and no error can come from a key row otherwise.
     */
    @Override
    public String keyedUpsertSql(int keys, int deltas) {
        return "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES " + valuesList(keys + deltas, "(?, ?, ?, ?, ?)")
                + " ON DUPLICATE KEY UPDATE counter_value = IF(period_type = '" + IdempotencyStore.PERIOD + "',"
                + " ABS(counter_value) + 9223372036854775807 + 1, counter_value + VALUES(counter_value))";
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

    /**
     * Reads each key column's own type, character set and collation: a column inherits the table's
     * default only when created, so the columns are what compare. The database default only shapes
     * new text columns, and the shipped VARBINARY columns have none.
     */
    /**
     * The server's current database: mysql-connector-j's {@code getCatalog()} keeps the database of
     * the URL after a {@code USE}.
     */
    @Override
    protected String currentCatalog(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT DATABASE()")) {
            return rs.next() ? rs.getString(1) : connection.getCatalog();
        }
    }

    @Override
    public Optional<String> schemaProblem(Connection connection) throws SQLException {
        String sql = "SELECT c.COLUMN_NAME, c.DATA_TYPE, c.CHARACTER_SET_NAME, c.COLLATION_NAME, t.TABLE_COLLATION"
                + " FROM information_schema.COLUMNS c JOIN information_schema.TABLES t"
                + " ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
                + " WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = ? AND c.COLUMN_NAME IN ('ns', 'counter_name')";
        List<String> problems = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, TABLE);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2).toLowerCase(Locale.ROOT);
                    String charset = rs.getString(3);
                    String collation = rs.getString(4);
                    boolean exactText = "utf8mb4".equals(charset) && EXACT_COLLATIONS.contains(collation);
                    if (!type.equals("varbinary") && !exactText) {
                        problems.add(describe(rs.getString(1), type, charset, collation, rs.getString(5)));
                    }
                }
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", problems)
                + ": keys would not be byte-exact. Convert the key columns to VARBINARY as in " + schemaLocation()
                + "/V1__livecount_counter.sql (ALTER TABLE " + TABLE + " MODIFY ns VARBINARY(64) NOT NULL,"
                + " MODIFY counter_name VARBINARY(1024) NOT NULL), after checking that no two existing keys"
                + " collide under the old collation; changing a table's default collation does not change"
                + " its existing columns. utf8mb4 with utf8mb4_nopad_bin (MariaDB) or utf8mb4_0900_bin"
                + " (MySQL) is exact too.");
    }

    /** "column livecount_counter.ns is varchar with ... (the table's default), which ignores case". */
    private static String describe(String column, String type, String charset, String collation, String tableDefault) {
        if (collation == null) {
            return "column %s.%s is %s, not VARBINARY".formatted(TABLE, column, type);
        }
        return "column %s.%s is %s with character set %s and collation %s%s, which %s"
                .formatted(
                        TABLE,
                        column,
                        type,
                        charset,
                        collation,
                        collation.equals(tableDefault) ? " (the table's default)" : "",
                        why(charset, collation));
    }

    private static String why(String charset, String collation) {
        if (collation.endsWith("nopad_bin") || collation.endsWith("0900_bin")) {
            return "cannot hold 4-byte characters"; // exact collation, but not of utf8mb4
        }
        String comparison;
        if (collation.contains("_ci") || collation.contains("_ai")) {
            comparison = "ignores case or accents";
        } else if (collation.endsWith("_bin")) {
            comparison = "ignores trailing spaces (PAD SPACE: 'a' = 'a ')";
        } else {
            comparison = "compares by language rules, not by bytes";
        }
        return "utf8mb4".equals(charset) ? comparison : comparison + ", and cannot hold 4-byte characters";
    }
}
