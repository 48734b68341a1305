package io.livecount.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** H2 2.x: MERGE ... USING, with FINAL TABLE to read the values it stored. */
public class H2Dialect extends SqlDialect {

    public H2Dialect() {
        super("h2", "h2", true);
    }

    private static final String DUPLICATE_KEY = "23505";
    private static final String LOCK_TIMEOUT = "HYT00";

    @Override
    public String insertIfAbsentSql() {
        // H2 has no portable "ignore": a duplicate throws 23505, which WriteBackStore expects
        return "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)";
    }

    @Override
    protected String buildUpsert(int rows, boolean returning) {
        String merge = "MERGE INTO " + TABLE + " t USING (VALUES "
                + valuesList(
                        rows,
                        "(CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS BIGINT))")
                + ") AS s(ns, counter_name, period_type, bucket_start, delta)"
                + " ON t.ns = s.ns AND t.counter_name = s.counter_name"
                + " AND t.period_type = s.period_type AND t.bucket_start = s.bucket_start"
                + " WHEN MATCHED THEN UPDATE SET counter_value = t.counter_value + s.delta"
                + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ")"
                + " VALUES (s.ns, s.counter_name, s.period_type, s.bucket_start, s.delta)";
        return returning ? "SELECT " + COLUMNS + " FROM FINAL TABLE (" + merge + ")" : merge;
    }

    @Override
    public boolean isConflict(SQLException e) {
        // Two MERGEs inserting the same new row: the loser fails with a duplicate key and nothing
        // of its statement is applied, so it is retried like a deadlock.
        return super.isConflict(e) || DUPLICATE_KEY.equals(e.getSQLState()) || LOCK_TIMEOUT.equals(e.getSQLState());
    }

    /**
     * H2 keeps the collation and IGNORECASE per database and reports both in
     * INFORMATION_SCHEMA.SETTINGS (absent until first set). A collation applies to every text
     * comparison, VARCHAR columns included. IGNORECASE makes new VARCHAR columns VARCHAR_IGNORECASE
     * and, with an existing exact table, the {@code CAST(? AS VARCHAR)} of the upsert: its MERGE then
     * matches {@code foo} to the row of {@code Foo}.
     */
    @Override
    public Optional<String> databaseProblem(Connection connection) throws SQLException {
        String sql = "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                + " WHERE SETTING_NAME IN ('COLLATION', 'IGNORECASE')";
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                String value = rs.getString(2);
                if (rs.getString(1).equals("COLLATION") && !"OFF".equalsIgnoreCase(value)) {
                    problems.add("the database setting COLLATION is " + value
                            + ", which every text comparison follows, so keys would not be byte-exact."
                            + " Run SET COLLATION OFF; H2 accepts it only while the database has no tables,"
                            + " otherwise move the data to a new database");
                } else if (rs.getString(1).equals("IGNORECASE") && isTrue(value)) {
                    problems.add("the database setting IGNORECASE is TRUE, which makes text cast to VARCHAR"
                            + " and new VARCHAR columns case-insensitive, so keys would not be byte-exact."
                            + " Run SET IGNORECASE FALSE, or drop IGNORECASE=TRUE from the JDBC URL");
                }
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", problems) + ".");
    }

    private static boolean isTrue(String value) {
        return "1".equals(value) || "TRUE".equalsIgnoreCase(value);
    }

    @Override
    public Optional<String> schemaProblem(Connection connection) throws SQLException {
        String sql = "SELECT COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE LOWER(TABLE_NAME) = ? AND LOWER(COLUMN_NAME) IN ('ns', 'counter_name')"
                + " AND TABLE_SCHEMA = SCHEMA()";
        List<String> problems = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, TABLE);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (!"CHARACTER VARYING".equals(rs.getString(2))) {
                        problems.add("column %s.%s is %s%s"
                                .formatted(
                                        TABLE,
                                        rs.getString(1).toLowerCase(Locale.ROOT),
                                        rs.getString(2),
                                        rs.getString(2).endsWith("IGNORECASE")
                                                ? ", which ignores case"
                                                : ", not VARCHAR"));
                    }
                }
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", problems) + ": keys would not be byte-exact. Use VARCHAR as in "
                + schemaLocation() + "/V1__livecount_counter.sql (recreate the table and copy the rows,"
                + " after checking that no two keys differ only in case).");
    }

    /** H2 compares VARCHAR by UTF-16 code units, not by UTF-8 bytes. */
    @Override
    public boolean keysInUtf8Order() {
        return false;
    }

    /** H2 casts text to VARBINARY as UTF-8 and compares VARBINARY unsigned. */
    @Override
    public String inUtf8Order(String expression) {
        return "CAST(" + expression + " AS VARBINARY)";
    }

    @Override
    public Optional<String> endOfPrefix(String prefix) {
        return TextOrder.endOfCodeUnits(prefix);
    }
}
