package io.livecount.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Raw JDBC batched upserts, the database's limit for writing many counters at once: each call
 * adds 1 to {@value #BATCH} distinct keys (all keys if fewer) picked at random, sorted, as one JDBC
 * batch and one commit. MariaDB: {@code INSERT ... ON DUPLICATE KEY UPDATE v = v + VALUES(v)} with
 * {@code rewriteBatchedStatements=true}; PostgreSQL: {@code INSERT ... ON CONFLICT (k) DO UPDATE
 * SET v = t.v + EXCLUDED.v} with {@code reWriteBatchedInserts=true}; H2: {@code MERGE ... USING}.
 * Its own pool (the driver setting is in the URL). ops_per_s counts rows.
 *
 * <p>Two table shapes: {@code jdbc-batch-upsert} on {@code bench_upsert (k, v)}, one byte-exact
 * key column; {@code jdbc-batch-upsert-wide} on {@code bench_upsert_wide}, a copy of {@code
 * livecount_counter}'s shape (key {@code ns, counter_name, period_type, bucket_start}, byte-exact),
 * so that {@code flush} can be compared with the same rows written by hand.
 */
final class JdbcBatchUpsertScenario implements Scenario {

    static final String NAME = "jdbc-batch-upsert";
    static final String WIDE_NAME = "jdbc-batch-upsert-wide";
    static final int BATCH = 1_000;
    private static final String WIDE_NAMESPACE = "bench-upsert";

    private final BenchDatabase database;
    private final boolean wide;
    private final String table;
    private final HikariDataSource pool;
    private final String upsert;
    private final LongAdder retries = new LongAdder();
    /** The keys sorted as the database sorts them (byte order; the bench's keys are ASCII). */
    private String[] sorted = new String[0];

    private final ThreadLocal<DistinctSample> samplers = new ThreadLocal<>();

    JdbcBatchUpsertScenario(BenchDatabase database, int maxThreads, boolean wide) {
        this.database = database;
        this.wide = wide;
        this.table = wide ? "bench_upsert_wide" : "bench_upsert";
        this.pool = database.pool(maxThreads + 1, database.batchRewritingUrl());
        this.upsert = wide ? wideUpsert() : narrowUpsert();
    }

    private String narrowUpsert() {
        return switch (database) {
            case MARIADB -> "INSERT INTO " + table + " (k, v) VALUES (?, ?) ON DUPLICATE KEY UPDATE v = v + VALUES(v)";
            case POSTGRESQL ->
                "INSERT INTO " + table
                        + " AS t (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = t.v + EXCLUDED.v";
            case H2 ->
                "MERGE INTO " + table + " t USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS BIGINT)))"
                        + " AS s(k, v) ON t.k = s.k WHEN MATCHED THEN UPDATE SET v = t.v + s.v"
                        + " WHEN NOT MATCHED THEN INSERT (k, v) VALUES (s.k, s.v)";
        };
    }

    /** The statement Livecount's write-back runs, one row per batch entry (five parameters). */
    private String wideUpsert() {
        String columns = "ns, counter_name, period_type, bucket_start, counter_value";
        return switch (database) {
            case MARIADB ->
                "INSERT INTO " + table + " (" + columns + ") VALUES (?, ?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE counter_value = counter_value + VALUES(counter_value)";
            case POSTGRESQL ->
                "INSERT INTO " + table + " AS t (" + columns + ") VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (ns, counter_name, period_type, bucket_start)"
                        + " DO UPDATE SET counter_value = t.counter_value + EXCLUDED.counter_value";
            case H2 ->
                "MERGE INTO " + table + " t USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR),"
                        + " CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS BIGINT)))"
                        + " AS s(ns, counter_name, period_type, bucket_start, delta)"
                        + " ON t.ns = s.ns AND t.counter_name = s.counter_name"
                        + " AND t.period_type = s.period_type AND t.bucket_start = s.bucket_start"
                        + " WHEN MATCHED THEN UPDATE SET counter_value = t.counter_value + s.delta"
                        + " WHEN NOT MATCHED THEN INSERT (" + columns + ")"
                        + " VALUES (s.ns, s.counter_name, s.period_type, s.bucket_start, s.delta)";
        };
    }

    private String createTable() {
        if (!wide) {
            String keyType =
                    switch (database) {
                        case MARIADB -> "VARBINARY(64)"; // byte-exact; utf8mb4 collations fold case or pad
                        case POSTGRESQL -> "VARCHAR(64) COLLATE \"C\"";
                        case H2 -> "VARCHAR(64)";
                    };
            return "CREATE TABLE IF NOT EXISTS " + table + " (k " + keyType
                    + " NOT NULL PRIMARY KEY, v BIGINT NOT NULL)";
        }
        return switch (database) { // as in core's schema scripts, V1__livecount_counter.sql
            case MARIADB ->
                "CREATE TABLE IF NOT EXISTS " + table + " (ns VARBINARY(64) NOT NULL,"
                        + " counter_name VARBINARY(1024) NOT NULL,"
                        + " period_type VARCHAR(6) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                        + " bucket_start BIGINT NOT NULL, counter_value BIGINT NOT NULL,"
                        + " PRIMARY KEY (ns, counter_name, period_type, bucket_start)) ENGINE = InnoDB";
            case POSTGRESQL ->
                "CREATE TABLE IF NOT EXISTS " + table + " (ns VARCHAR(64) COLLATE \"C\" NOT NULL,"
                        + " counter_name VARCHAR(1024) COLLATE \"C\" NOT NULL,"
                        + " period_type VARCHAR(6) COLLATE \"C\" NOT NULL,"
                        + " bucket_start BIGINT NOT NULL, counter_value BIGINT NOT NULL,"
                        + " PRIMARY KEY (ns, counter_name, period_type, bucket_start))";
            case H2 ->
                "CREATE TABLE IF NOT EXISTS " + table + " (ns VARCHAR(64) NOT NULL,"
                        + " counter_name VARCHAR(1024) NOT NULL, period_type VARCHAR(6) NOT NULL,"
                        + " bucket_start BIGINT NOT NULL, counter_value BIGINT NOT NULL,"
                        + " PRIMARY KEY (ns, counter_name, period_type, bucket_start))";
        };
    }

    @Override
    public String name() {
        return wide ? WIDE_NAME : NAME;
    }

    /** Creates the table if missing and leaves one row per key at 0 (measured batches update rows). */
    @Override
    public void reset(List<String> keys) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(createTable());
                statement.executeUpdate("DELETE FROM " + table);
            }
            if (wide) {
                CounterTable.insertRows(
                        connection,
                        "INSERT INTO " + table
                                + " (ns, counter_name, period_type, bucket_start, counter_value) VALUES ",
                        "('" + WIDE_NAMESPACE + "', ?, 'ALL', 0, 0)",
                        keys);
            } else {
                CounterTable.insertRows(connection, "INSERT INTO " + table + " (k, v) VALUES ", "(?, 0)", keys);
            }
        }
        this.sorted = keys.stream().sorted().toArray(String[]::new);
    }

    @Override
    public int batchSize(int keyCount) {
        return Math.min(BATCH, keyCount);
    }

    /** Ignores {@code keyIndex}: picks {@link #batchSize} distinct keys itself. */
    @Override
    public void increment(int keyIndex) throws SQLException {
        int[] batch = pickSorted(batchSize(sorted.length));
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                while (true) {
                    try {
                        for (int index : batch) {
                            bind(statement, sorted[index]);
                            statement.addBatch();
                        }
                        statement.executeBatch();
                        connection.commit();
                        return;
                    } catch (SQLException e) {
                        connection.rollback();
                        statement.clearBatch();
                        if (!isConflict(e)) {
                            throw e;
                        }
                        retries.increment();
                    }
                }
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private void bind(PreparedStatement statement, String key) throws SQLException {
        if (!wide) {
            statement.setString(1, key);
            statement.setLong(2, 1);
            return;
        }
        if (database == BenchDatabase.MARIADB) { // VARBINARY: bytes, as Livecount binds them
            statement.setBytes(1, WIDE_NAMESPACE.getBytes(StandardCharsets.UTF_8));
            statement.setBytes(2, key.getBytes(StandardCharsets.UTF_8));
        } else {
            statement.setString(1, WIDE_NAMESPACE);
            statement.setString(2, key);
        }
        statement.setString(3, "ALL");
        statement.setLong(4, 0);
        statement.setLong(5, 1);
    }

    /**
     * {@code count} distinct indexes into {@link #sorted}, ascending: every batch locks its rows
     * in the same order, so that concurrent batches wait for each other instead of deadlocking.
     */
    private int[] pickSorted(int count) {
        return DistinctSample.perThread(samplers, sorted.length).nextSorted(count);
    }

    private static boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        return e.getErrorCode() == 1213 // MariaDB deadlock
                || e.getErrorCode() == 1205 // MariaDB lock wait timeout
                || "40001".equals(state)
                || "40P01".equals(state);
    }

    @Override
    public long storedTotal() throws SQLException {
        String column = wide ? "counter_value" : "v";
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COALESCE(SUM(" + column + "), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public long retries() {
        return retries.sum();
    }

    @Override
    public void close() {
        pool.close();
    }
}
