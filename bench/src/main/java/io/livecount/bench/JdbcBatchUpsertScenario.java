package io.livecount.bench;

import com.zaxxer.hikari.HikariDataSource;
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
 * batch and one commit, with the driver's batch rewriting on ({@code rewriteBatchedStatements=true}
 * on MariaDB, {@code reWriteBatchedInserts=true} on PostgreSQL). Its own pool (the driver setting
 * is in the URL). ops_per_s counts rows. The table shapes and their statements: {@link UpsertTable}.
 */
final class JdbcBatchUpsertScenario implements Scenario {

    static final int BATCH = 1_000;

    private final BenchDatabase database;
    private final UpsertTable table;
    private final HikariDataSource pool;
    private final String upsert;
    private final LongAdder retries = new LongAdder();
    /** The keys sorted as the database sorts them (byte order; the bench's keys are ASCII). */
    private String[] sorted = new String[0];

    private final ThreadLocal<DistinctSample> samplers = new ThreadLocal<>();

    JdbcBatchUpsertScenario(BenchDatabase database, int maxThreads, UpsertTable table) {
        this.database = database;
        this.table = table;
        this.pool = database.pool(maxThreads + 1, database.batchRewritingUrl());
        this.upsert = table.upsert(database);
    }

    @Override
    public String name() {
        return table.scenarioName();
    }

    /** Creates the table if missing and leaves one row per key at 0 (measured batches update rows). */
    @Override
    public void reset(List<String> keys) throws SQLException {
        this.sorted = keys.stream().sorted().toArray(String[]::new);
        try (Connection connection = pool.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(table.createTable(database));
                statement.executeUpdate("DELETE FROM " + table.table());
            }
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                for (int from = 0; from < sorted.length; from += BATCH) {
                    for (int index = from; index < Math.min(sorted.length, from + BATCH); index++) {
                        table.bind(statement, database, sorted[index], index, 0);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
            }
        }
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
                            table.bind(statement, database, sorted[index], index, 1);
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
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT COALESCE(SUM(" + table.valueColumn() + "), 0) FROM " + table.table())) {
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
