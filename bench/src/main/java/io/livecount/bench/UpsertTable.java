package io.livecount.bench;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.StringJoiner;

/**
 * The table shapes {@link JdbcBatchUpsertScenario} writes, each with its statement per database:
 * one upsert row per batch entry, adding the last parameter to the row's value.
 */
enum UpsertTable {
    /** {@code bench_upsert (k, v)}: one byte-exact key column, the database's limit for many counters. */
    NARROW("jdbc-batch-upsert", "bench_upsert", "k", "v"),
    /** {@code livecount_counter}'s shape (core's V1__livecount_counter.sql), bound as Livecount binds it. */
    WIDE("jdbc-batch-upsert-wide", "bench_upsert_wide", "ns, counter_name, period_type, bucket_start", "counter_value"),
    /**
     * {@code livecount_counter}'s rows keyed by a surrogate counter id instead of the namespace and
     * name: {@code (counter_id BIGINT, period_type SMALLINT, bucket_start BIGINT)}. No Livecount
     * schema has it; it measures what such a key would cost.
     */
    SURROGATE(
            "jdbc-batch-upsert-surrogate",
            "bench_upsert_surrogate",
            "counter_id, period_type, bucket_start",
            "counter_value");

    private static final String WIDE_NAMESPACE = "bench-upsert";

    private final String scenarioName;
    private final String table;
    private final String keyColumns;
    private final String valueColumn;

    UpsertTable(String scenarioName, String table, String keyColumns, String valueColumn) {
        this.scenarioName = scenarioName;
        this.table = table;
        this.keyColumns = keyColumns;
        this.valueColumn = valueColumn;
    }

    String scenarioName() {
        return scenarioName;
    }

    String table() {
        return table;
    }

    String valueColumn() {
        return valueColumn;
    }

    String createTable(BenchDatabase database) {
        String columns =
                switch (this) {
                    case NARROW -> "k " + byteExact(database, 64) + " NOT NULL, v BIGINT NOT NULL";
                    case WIDE ->
                        "ns " + byteExact(database, 64) + " NOT NULL, counter_name " + byteExact(database, 1024)
                                + " NOT NULL, period_type " + ascii(database) + " NOT NULL,"
                                + " bucket_start BIGINT NOT NULL, counter_value BIGINT NOT NULL";
                    case SURROGATE ->
                        "counter_id BIGINT NOT NULL, period_type SMALLINT NOT NULL,"
                                + " bucket_start BIGINT NOT NULL, counter_value BIGINT NOT NULL";
                };
        String engine = database == BenchDatabase.MARIADB ? " ENGINE = InnoDB" : "";
        return "CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ", PRIMARY KEY (" + keyColumns + "))" + engine;
    }

    /**
     * MariaDB: {@code INSERT ... ON DUPLICATE KEY UPDATE}; PostgreSQL: {@code INSERT ... ON CONFLICT
     * DO UPDATE}; H2: {@code MERGE ... USING}.
     */
    String upsert(BenchDatabase database) {
        String columns = keyColumns + ", " + valueColumn;
        String parameters = "?, ".repeat(keyColumns.split(",").length) + "?";
        return switch (database) {
            case MARIADB ->
                "INSERT INTO " + table + " (" + columns + ") VALUES (" + parameters + ")" + " ON DUPLICATE KEY UPDATE "
                        + valueColumn + " = " + valueColumn + " + VALUES(" + valueColumn + ")";
            case POSTGRESQL ->
                "INSERT INTO " + table + " AS t (" + columns + ") VALUES (" + parameters + ")"
                        + " ON CONFLICT (" + keyColumns + ") DO UPDATE SET " + valueColumn + " = t." + valueColumn
                        + " + EXCLUDED." + valueColumn;
            case H2 -> h2Merge();
        };
    }

    private String h2Merge() {
        String[] keys = keyColumns.split(", ");
        String[] types =
                switch (this) {
                    case NARROW -> new String[] {"VARCHAR(64)", "BIGINT"};
                    case WIDE -> new String[] {"VARCHAR", "VARCHAR", "VARCHAR", "BIGINT", "BIGINT"};
                    case SURROGATE -> new String[] {"BIGINT", "SMALLINT", "BIGINT", "BIGINT"};
                };
        StringJoiner casts = new StringJoiner(", ");
        StringJoiner matches = new StringJoiner(" AND ");
        StringJoiner sourceColumns = new StringJoiner(", ");
        for (int i = 0; i < types.length; i++) {
            casts.add("CAST(? AS " + types[i] + ")");
        }
        for (String key : keys) {
            matches.add("t." + key + " = s." + key);
            sourceColumns.add("s." + key);
        }
        sourceColumns.add("s." + valueColumn);
        String columns = keyColumns + ", " + valueColumn;
        return "MERGE INTO " + table + " t USING (VALUES (" + casts + ")) AS s(" + columns + ") ON " + matches
                + " WHEN MATCHED THEN UPDATE SET " + valueColumn + " = t." + valueColumn + " + s." + valueColumn
                + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (" + sourceColumns + ")";
    }

    /**
     * Binds the row of the key {@code name}, whose position in byte order is {@code id} (the
     * surrogate key), with {@code delta} as its value.
     */
    void bind(PreparedStatement statement, BenchDatabase database, String name, int id, long delta)
            throws SQLException {
        int next = 1;
        switch (this) {
            case NARROW -> statement.setString(next++, name);
            case WIDE -> {
                if (database == BenchDatabase.MARIADB) { // VARBINARY: bytes, as Livecount binds them
                    statement.setBytes(next++, WIDE_NAMESPACE.getBytes(StandardCharsets.UTF_8));
                    statement.setBytes(next++, name.getBytes(StandardCharsets.UTF_8));
                } else {
                    statement.setString(next++, WIDE_NAMESPACE);
                    statement.setString(next++, name);
                }
                statement.setString(next++, "ALL");
                statement.setLong(next++, 0);
            }
            case SURROGATE -> {
                statement.setLong(next++, id);
                statement.setShort(next++, (short) 0);
                statement.setLong(next++, 0);
            }
        }
        statement.setLong(next, delta);
    }

    private static String byteExact(BenchDatabase database, int length) {
        return switch (database) {
            case MARIADB -> "VARBINARY(" + length + ")"; // utf8mb4 collations fold case or pad
            case POSTGRESQL -> "VARCHAR(" + length + ") COLLATE \"C\"";
            case H2 -> "VARCHAR(" + length + ")";
        };
    }

    private static String ascii(BenchDatabase database) {
        return switch (database) {
            case MARIADB -> "VARCHAR(6) CHARACTER SET ascii COLLATE ascii_bin";
            case POSTGRESQL -> "VARCHAR(6) COLLATE \"C\"";
            case H2 -> "VARCHAR(6)";
        };
    }
}
