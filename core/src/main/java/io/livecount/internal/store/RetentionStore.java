package io.livecount.internal.store;

import io.livecount.Period;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL of retention pruning, the same on every database: for a batch of counter names (read as
 * listings read them: {@link ListingStore#storedNames}), a bounded read of the rows to prune, each
 * a range of the primary key {@code (ns, counter_name, period_type, bucket_start < cutoff)}, then
 * one DELETE of exactly those rows by primary key. Neither statement reads other rows than those it
 * deletes, nor holds locks beyond its own short run, and a row already deleted (by another node) is
 * skipped silently.
 */
public final class RetentionStore {

    /** A row to prune: its name and bucket (the namespace and period are the caller's). */
    public record Prunable(String name, long bucketStart) {}

    private final SqlDialect dialect;
    private final ListingStore listings;

    public RetentionStore(SqlDialect dialect) {
        this.dialect = dialect;
        this.listings = new ListingStore(dialect);
    }

    /** The next {@code limit} counter names of {@code namespace} after {@code after} ({@code ""}: the first). */
    public List<String> names(Connection connection, String namespace, String after, int limit) throws SQLException {
        return listings.storedNames(connection, namespace, after, limit);
    }

    /**
     * Up to {@code limit} rows of {@code names} in {@code namespace} and {@code period} with {@code
     * bucket_start < cutoff}, in no particular order: rows deleted since the last call are no longer
     * among them.
     */
    public List<Prunable> candidates(
            Connection connection, String namespace, Period period, long cutoff, List<String> names, int limit)
            throws SQLException {
        String sql =
                "SELECT counter_name, bucket_start FROM " + SqlDialect.TABLE + " WHERE ns = ? AND counter_name IN ("
                        + String.join(", ", Collections.nCopies(names.size(), "?"))
                        + ") AND period_type = ? AND bucket_start < ? LIMIT ?";
        List<Prunable> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            dialect.bindText(statement, index++, namespace);
            for (String name : names) {
                dialect.bindText(statement, index++, name);
            }
            statement.setString(index++, period.name());
            statement.setLong(index++, cutoff);
            statement.setInt(index, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Prunable(dialect.readText(rs, 1), rs.getLong(2)));
                }
            }
        }
        return rows;
    }

    /**
     * Deletes {@code rows} (as {@link #candidates} returns them), each only while its bucket still
     * starts before {@code cutoff}; returns how many it deleted.
     */
    public int delete(Connection connection, String namespace, Period period, long cutoff, List<Prunable> rows)
            throws SQLException {
        String sql = "DELETE FROM " + SqlDialect.TABLE + " WHERE ns = ? AND period_type = ? AND bucket_start < ? AND ("
                + String.join(" OR ", Collections.nCopies(rows.size(), "(counter_name = ? AND bucket_start = ?)"))
                + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            dialect.bindText(statement, 1, namespace);
            statement.setString(2, period.name());
            statement.setLong(3, cutoff);
            int index = 4;
            for (Prunable row : rows) {
                dialect.bindText(statement, index++, row.name());
                statement.setLong(index++, row.bucketStart());
            }
            return statement.executeUpdate();
        }
    }

    /** The first namespace stored after {@code after} (in the database's order), or null. */
    public String nextNamespace(Connection connection, String after) throws SQLException {
        String sql = "SELECT MIN(ns) FROM " + SqlDialect.TABLE + " WHERE ns > ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            dialect.bindText(statement, 1, after);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getObject(1) != null ? dialect.readText(rs, 1) : null;
            }
        }
    }
}
