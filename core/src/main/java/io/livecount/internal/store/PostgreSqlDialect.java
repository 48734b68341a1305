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

/** PostgreSQL: INSERT ... ON CONFLICT ... RETURNING, byte-exact with any deterministic collation. */
public class PostgreSqlDialect extends SqlDialect {

    public PostgreSqlDialect() {
        super("postgresql", "postgresql", true);
    }

    private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01", "55P03");

    @Override
    public String insertIfAbsentSql() {
        return "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    }

    @Override
    protected String buildUpsert(int rows, boolean returning) {
        return "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES " + valuesList(rows, "(?, ?, ?, ?, ?)")
                + " ON CONFLICT (ns, counter_name, period_type, bucket_start) DO UPDATE"
                + " SET counter_value = " + TABLE + ".counter_value + EXCLUDED.counter_value"
                + (returning ? " RETURNING " + COLUMNS : "");
    }

    @Override
    public boolean isConflict(SQLException e) {
        return CONFLICT_STATES.contains(e.getSQLState());
    }

    @Override
    public boolean isConnectionFailure(SQLException e) {
        return super.isConnectionFailure(e) || "57P01".equals(e.getSQLState());
    }

    @Override
    public Optional<String> schemaProblem(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW server_encoding")) {
            rs.next();
            if (!"UTF8".equalsIgnoreCase(rs.getString(1))) {
                problems.add("the database encoding is " + rs.getString(1) + ", not UTF8");
            }
        }
        String sql = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), coll.collname, coll.collisdeterministic"
                + " FROM pg_attribute a LEFT JOIN pg_collation coll ON coll.oid = a.attcollation"
                + " WHERE a.attrelid = to_regclass(?) AND a.attname IN ('ns', 'counter_name')";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, TABLE);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2);
                    boolean text = type.startsWith("character varying") || type.equals("text");
                    if (!text || !rs.getBoolean(4)) {
                        problems.add("column %s.%s is %s with collation %s"
                                .formatted(TABLE, rs.getString(1), type, rs.getString(3)));
                    }
                }
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", problems)
                + ": keys would not be byte-exact. Use varchar with a deterministic collation (the shipped "
                + schemaLocation() + "/V1__livecount_counter.sql uses COLLATE \"C\") in a UTF8 database.");
    }
}
