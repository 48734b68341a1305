package io.livecount.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL: INSERT ... ON CONFLICT ... RETURNING, byte-exact with any deterministic collation.
 * Upserts take their rows as one array per column ({@code unnest}): five parameters whatever the
 * number of rows, so one statement text serves every group and batch size, and the driver
 * prepares it on the server once per connection; a {@code VALUES} list would be a text per row
 * count, with 5,000 parameters to send and parse for 1,000 rows.
 */
public class PostgreSqlDialect extends SqlDialect {

    public PostgreSqlDialect() {
        super("postgresql", "postgresql", true);
    }

    private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01", "55P03");

    /** The rows of {@link #bindRows}, in the order of {@link SqlDialect#COLUMNS}. */
    private static final String UNNEST_ROWS =
            "SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[])";

    /** Name, declared type, base type (through domains), collation name, whether deterministic. */
    private static final String KEY_COLUMNS = "SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
            + " (WITH RECURSIVE chain(oid, base) AS ("
            + "   SELECT t.oid, t.typbasetype FROM pg_type t WHERE t.oid = a.atttypid"
            + "   UNION ALL SELECT t.oid, t.typbasetype FROM pg_type t JOIN chain ON t.oid = chain.base)"
            + "  SELECT format_type(chain.oid, NULL) FROM chain WHERE chain.base = 0),"
            + " coll.collname, coll.collisdeterministic"
            + " FROM pg_attribute a LEFT JOIN pg_collation coll ON coll.oid = a.attcollation"
            + " WHERE a.attrelid = to_regclass(?) AND a.attname IN ('ns', 'counter_name')";

    @Override
    public String insertIfAbsentSql() {
        return "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    }

    @Override
    public String insertIfAbsentReturningKeysSql(int rows) {
        return "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES " + valuesList(rows, "(?, ?, ?, ?, ?)")
                + " ON CONFLICT DO NOTHING RETURNING ns, counter_name";
    }

    /**
     * An existing key row is "updated" to a value out of a long's range: the server refuses the
     * statement (bigint out of range), and no error can come from a key row otherwise.
     */
    @Override
    public String keyedUpsertSql(int keys, int deltas) {
        return "INSERT INTO " + TABLE + " (" + COLUMNS + ") " + UNNEST_ROWS
                + " ON CONFLICT (ns, counter_name, period_type, bucket_start) DO UPDATE SET counter_value = CASE"
                + " WHEN " + TABLE + ".period_type = '" + IdempotencyStore.PERIOD + "'"
                + " THEN ABS(" + TABLE + ".counter_value) + 9223372036854775807 + 1"
                + " ELSE " + TABLE + ".counter_value + EXCLUDED.counter_value END";
    }

    @Override
    protected String buildUpsert(int rows, boolean returning) {
        return "INSERT INTO " + TABLE + " (" + COLUMNS + ") " + UNNEST_ROWS
                + " ON CONFLICT (ns, counter_name, period_type, bucket_start) DO UPDATE"
                + " SET counter_value = " + TABLE + ".counter_value + EXCLUDED.counter_value"
                + (returning ? " RETURNING " + COLUMNS : "");
    }

    /** One array per column; {@code unnest} yields the rows in array order (the lock order). */
    @Override
    public void bindRows(PreparedStatement statement, UpsertRows rows) throws SQLException {
        Connection connection = statement.getConnection();
        statement.setArray(1, connection.createArrayOf("varchar", rows.namespaces()));
        statement.setArray(2, connection.createArrayOf("varchar", rows.names()));
        statement.setArray(3, connection.createArrayOf("varchar", rows.periods()));
        statement.setArray(4, connection.createArrayOf("int8", rows.bucketStarts()));
        statement.setArray(5, connection.createArrayOf("int8", rows.values()));
    }

    @Override
    public boolean isConflict(SQLException e) {
        return CONFLICT_STATES.contains(e.getSQLState());
    }

    @Override
    public boolean isConnectionFailure(SQLException e) {
        return super.isConnectionFailure(e) || "57P01".equals(e.getSQLState());
    }

    /** Text is compared in the server's encoding; only UTF8 holds every key unchanged. */
    @Override
    public Optional<String> databaseProblem(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW server_encoding")) {
            rs.next();
            if (!"UTF8".equalsIgnoreCase(rs.getString(1))) {
                return Optional.of("the database encoding is " + rs.getString(1) + ", not UTF8, so keys would not"
                        + " be byte-exact. Create the database with ENCODING 'UTF8'.");
            }
        }
        return Optional.empty();
    }

    /**
     * Reads each key column's type, the base type under any domains, and the collation the column
     * compares with (its own COLLATE, else its domain's, else the database default, which is
     * always deterministic). A deterministic collation only calls strings equal when their bytes are.
     */
    @Override
    public Optional<String> schemaProblem(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(KEY_COLUMNS)) {
            statement.setString(1, TABLE);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    describeProblem(rs).ifPresent(problems::add);
                }
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", problems)
                + ": keys would not be byte-exact. Use varchar with a deterministic collation (the shipped "
                + schemaLocation() + "/V1__livecount_counter.sql uses COLLATE \"C\").");
    }

    private static Optional<String> describeProblem(ResultSet rs) throws SQLException {
        String declared = rs.getString(2);
        String base = rs.getString(3);
        String column = "column %s.%s is %s%s"
                .formatted(
                        TABLE,
                        rs.getString(1),
                        declared,
                        declared.equals(base) || declared.startsWith(base + "(")
                                ? ""
                                : " (a domain over " + base + ")");
        if (base.equals("citext")) {
            return Optional.of(column + ", which compares case-insensitively");
        }
        if (!base.equals("character varying") && !base.equals("text")) {
            return Optional.of(column + ", not varchar or text");
        }
        if (!rs.getBoolean(5)) {
            return Optional.of(column + " with collation " + rs.getString(4)
                    + ", which is nondeterministic (deterministic = false: strings with different bytes can be"
                    + " equal)");
        }
        return Optional.empty();
    }
}
