package io.livecount.internal.store;

import io.livecount.BucketValue;
import io.livecount.CounterKey;
import io.livecount.CounterValue;
import io.livecount.Period;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the counter table, run on a connection it is given. It neither opens, commits nor
 * retries: the caller owns the connection and its transaction.
 */
public final class CounterStore {

    /** Keys per statement of a multi-key read; keeps every statement under all drivers' limits. */
    private static final int READ_CHUNK = 500;

    private final SqlDialect dialect;

    public CounterStore(SqlDialect dialect) {
        this.dialect = dialect;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * Adds every row's delta in one statement. The rows must have distinct ids, sorted (a constant
     * lock order across concurrent statements). When {@code wantAllTimeValues}, returns the stored
     * {@link Period#ALL} value of each key touched; on a database that cannot return values from the
     * upsert this reads them, so the caller must then run this inside a transaction.
     */
    public Map<CounterKey, Long> upsert(Connection connection, List<Row> rows, boolean wantAllTimeValues)
            throws SQLException {
        boolean returning = wantAllTimeValues && dialect.canReturnValues();
        try (PreparedStatement statement = connection.prepareStatement(dialect.upsertSql(rows.size(), returning))) {
            dialect.bindRows(statement, UpsertRows.of(rows));
            if (!returning) {
                statement.executeUpdate();
                return wantAllTimeValues ? readAllTime(connection, rows) : Map.of();
            }
            Map<CounterKey, Long> values = new HashMap<>();
            // execute(), not executeQuery(): mysql-connector-j refuses the latter for an INSERT
            statement.execute();
            try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                    if (dialect.readPeriod(rs, 3) == Period.ALL) {
                        values.put(dialect.readKey(rs, 1), rs.getLong(5));
                    }
                }
            }
            return values;
        }
    }

    /**
     * Adds one row's delta with a plain UPDATE, if the row exists. Returns whether it did; when it
     * returns false nothing was changed.
     */
    public boolean updateExisting(Connection connection, Row row) throws SQLException {
        String sql = "UPDATE " + SqlDialect.TABLE + " SET counter_value = counter_value + ?"
                + " WHERE ns = ? AND counter_name = ? AND period_type = ? AND bucket_start = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, row.delta());
            dialect.bindText(statement, 2, row.key().namespace());
            dialect.bindText(statement, 3, row.key().name());
            statement.setString(4, row.period().name());
            statement.setLong(5, row.bucketStart());
            return statement.executeUpdate() > 0; // MySQL drivers may count a +0 as "not changed"
        }
    }

    private Map<CounterKey, Long> readAllTime(Connection connection, List<Row> rows) throws SQLException {
        List<CounterKey> keys = rows.stream().map(Row::key).distinct().toList();
        return read(connection, keys, Period.ALL, 0);
    }

    /** The values of {@code keys} in one bucket; absent keys map to 0. */
    public Map<CounterKey, Long> read(Connection connection, Collection<CounterKey> keys, Period period, long bucket)
            throws SQLException {
        Map<CounterKey, Long> values = new HashMap<>();
        List<CounterKey> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += READ_CHUNK) {
            List<CounterKey> chunk = all.subList(from, Math.min(all.size(), from + READ_CHUNK));
            String sql = "SELECT ns, counter_name, counter_value FROM " + SqlDialect.TABLE
                    + " WHERE period_type = ? AND bucket_start = ? AND ("
                    + String.join(" OR ", Collections.nCopies(chunk.size(), "(ns = ? AND counter_name = ?)"))
                    + ")";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, period.name());
                statement.setLong(2, bucket);
                int index = 3;
                for (CounterKey key : chunk) {
                    dialect.bindText(statement, index++, key.namespace());
                    dialect.bindText(statement, index++, key.name());
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        values.put(dialect.readKey(rs, 1), rs.getLong(3));
                    }
                }
            }
        }
        for (CounterKey key : all) {
            values.putIfAbsent(key, 0L);
        }
        return values;
    }

    /** Stored buckets of one counter with {@code fromBucket <= start <= toBucket}, by start. */
    public Map<Long, Long> readRange(
            Connection connection, CounterKey key, Period period, long fromBucket, long toBucket) throws SQLException {
        String sql = "SELECT bucket_start, counter_value FROM " + SqlDialect.TABLE
                + " WHERE ns = ? AND counter_name = ? AND period_type = ? AND bucket_start BETWEEN ? AND ?";
        Map<Long, Long> values = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            dialect.bindText(statement, 1, key.namespace());
            dialect.bindText(statement, 2, key.name());
            statement.setString(3, period.name());
            statement.setLong(4, fromBucket);
            statement.setLong(5, toBucket);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return values;
    }

    /** The largest counters of a namespace in one bucket, largest first, ties by name. */
    public List<CounterValue> top(Connection connection, String namespace, Period period, long bucket, int limit)
            throws SQLException {
        String sql = "SELECT ns, counter_name, counter_value FROM " + SqlDialect.TABLE
                + " WHERE ns = ? AND period_type = ? AND bucket_start = ?"
                + " ORDER BY counter_value DESC, counter_name ASC LIMIT ?";
        List<CounterValue> top = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            dialect.bindText(statement, 1, namespace);
            statement.setString(2, period.name());
            statement.setLong(3, bucket);
            statement.setInt(4, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    top.add(new CounterValue(dialect.readKey(rs, 1), rs.getLong(3)));
                }
            }
        }
        return top;
    }

    /** Deletes every bucket of a counter; returns the number of rows deleted. */
    public int delete(Connection connection, CounterKey key) throws SQLException {
        String sql = "DELETE FROM " + SqlDialect.TABLE + " WHERE ns = ? AND counter_name = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            dialect.bindText(statement, 1, key.namespace());
            dialect.bindText(statement, 2, key.name());
            return statement.executeUpdate();
        }
    }

    /** Epoch seconds of a bucket start, the form stored in {@code bucket_start}. */
    public static long bucketColumn(Instant bucketStart) {
        return bucketStart.getEpochSecond();
    }

    /** Fills the buckets between two stored starts, zeros where nothing is stored. */
    public static BucketValue bucket(Instant start, Map<Long, Long> stored) {
        return new BucketValue(start, stored.getOrDefault(bucketColumn(start), 0L));
    }
}
