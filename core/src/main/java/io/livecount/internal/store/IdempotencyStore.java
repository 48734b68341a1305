package io.livecount.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SQL of idempotency keys. A key applied in a namespace is a row of the counter table: ns =
 * the namespace, counter_name = U+0001 followed by the key (a control character no counter name
 * may contain, so it never meets a counter), period_type {@value #PERIOD}, bucket_start 0, value
 * = when it was recorded (epoch seconds). Recording a key inserts that row unless it exists, in the
 * transaction that applies the add: the primary key decides, on every database, which of two
 * transactions with the same key applies its add, and the other waits for it to end and skips.
 * Listings, reads and top lists never see these rows (they ask for counter periods only).
 */
public final class IdempotencyStore {

    /** The period_type of idempotency key rows. */
    public static final String PERIOD = "IDEM";

    private static final String NAME_PREFIX = "\u0001";
    private static final int ROWS_PER_STATEMENT = 500;
    private static final int ROWS_IN_ONE_STATEMENT = 2_000;

    /** An idempotency key in its namespace; ordered by namespace, then key (the lock order). */
    public record Claim(String namespace, String key) implements Comparable<Claim> {
        @Override
        public int compareTo(Claim other) {
            int byNamespace = namespace.compareTo(other.namespace);
            return byNamespace != 0 ? byNamespace : key.compareTo(other.key);
        }
    }

    private final SqlDialect dialect;
    private final boolean recordsWithDeltas;

    public IdempotencyStore(SqlDialect dialect) {
        this.dialect = dialect;
        this.recordsWithDeltas = dialect.keyedUpsertSql(1, 1) != null; // once, not per group commit
    }

    /**
     * Whether {@link #recordWithDeltas} can run here (the database has the statement) for {@code
     * keys} keys and {@code rows} delta rows: at most {@value #ROWS_IN_ONE_STATEMENT} rows in all, far below every driver's limit of
     * parameters (5 a row).
     */
    public boolean recordsWithDeltas(int keys, int rows) {
        return recordsWithDeltas && keys + rows <= ROWS_IN_ONE_STATEMENT;
    }

    /**
     * Records every key of {@code claims} and adds {@code rows}, in one statement that commits by
     * itself where {@link #recordsWithDeltas(int, int)}, all of it or nothing: returns false, having changed
     * nothing, when a key was recorded before (or a delta overflows); the caller then applies the
     * adds in a transaction, which can skip single keys. {@code claims} must be distinct.
     */
    public boolean recordWithDeltas(Connection connection, Collection<Claim> claims, List<Row> rows, long nowSeconds)
            throws SQLException {
        List<Claim> sorted = new ArrayList<>(new TreeSet<>(claims));
        List<Row> merged = Row.sumById(rows);
        try (PreparedStatement statement =
                connection.prepareStatement(dialect.keyedUpsertSql(sorted.size(), merged.size()))) {
            UpsertRows upsert = new UpsertRows(sorted.size() + merged.size());
            for (Claim claim : sorted) { // every statement locks the keys first, then the counters
                upsert.add(claim.namespace(), NAME_PREFIX + claim.key(), PERIOD, 0, nowSeconds);
            }
            dialect.bindRows(statement, upsert.addAll(merged));
            statement.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (dialect.isOverflow(e)) {
                return false; // the statement rolled back as a whole
            }
            throw e;
        }
    }

    /**
     * Records every key of {@code claims} that is not recorded yet, and returns those it recorded:
     * the others were applied before (or by a concurrent transaction that committed first). Run it
     * in the transaction of the adds; a rollback forgets the keys with them.
     */
    public Set<Claim> record(Connection connection, Collection<Claim> claims, long nowSeconds) throws SQLException {
        List<Claim> sorted = new ArrayList<>(new TreeSet<>(claims)); // one lock order for every transaction
        Set<Claim> recorded = new HashSet<>();
        for (int from = 0; from < sorted.size(); from += ROWS_PER_STATEMENT) {
            List<Claim> chunk = sorted.subList(from, Math.min(sorted.size(), from + ROWS_PER_STATEMENT));
            String sql = dialect.insertIfAbsentReturningKeysSql(chunk.size());
            if (sql == null) {
                recordOneByOne(connection, chunk, nowSeconds, recorded);
            } else {
                recordReturning(connection, sql, chunk, nowSeconds, recorded);
            }
        }
        return recorded;
    }

    private void recordReturning(
            Connection connection, String sql, List<Claim> chunk, long nowSeconds, Set<Claim> recorded)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (Claim claim : chunk) {
                index = bind(statement, index, claim, nowSeconds);
            }
            statement.execute(); // not executeQuery(): mysql-connector-j refuses it for an INSERT
            try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                    String name = dialect.readText(rs, 2);
                    recorded.add(new Claim(dialect.readText(rs, 1), name.substring(NAME_PREFIX.length())));
                }
            }
        }
    }

    /** One statement per key: its update count says whether it inserted (H2 and MySQL). */
    private void recordOneByOne(Connection connection, List<Claim> chunk, long nowSeconds, Set<Claim> recorded)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(dialect.insertIfAbsentSql())) {
            for (Claim claim : chunk) {
                bind(statement, 1, claim, nowSeconds);
                if (insertedOne(statement)) {
                    recorded.add(claim);
                }
            }
        }
    }

    private boolean insertedOne(PreparedStatement statement) throws SQLException {
        try {
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            // H2 has no INSERT IGNORE; its statement failure leaves the transaction usable
            if (dialect.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private int bind(PreparedStatement statement, int index, Claim claim, long nowSeconds) throws SQLException {
        dialect.bindText(statement, index, claim.namespace());
        dialect.bindText(statement, index + 1, NAME_PREFIX + claim.key());
        statement.setString(index + 2, PERIOD);
        statement.setLong(index + 3, 0);
        statement.setLong(index + 4, nowSeconds);
        return index + 5;
    }

    /**
     * Up to {@code limit} keys of {@code namespace} recorded before {@code cutoff} (epoch seconds),
     * after {@code after} (null: from the first), in key order: the next keys to forget.
     */
    public List<String> expired(Connection connection, String namespace, long cutoff, String after, int limit)
            throws SQLException {
        String sql = "SELECT counter_name FROM " + SqlDialect.TABLE
                + " WHERE ns = ? AND period_type = ? AND bucket_start = 0 AND counter_name > ? AND counter_name < ?"
                + " AND counter_value < ? ORDER BY counter_name LIMIT ?";
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            dialect.bindText(statement, 1, namespace);
            statement.setString(2, PERIOD);
            dialect.bindText(statement, 3, after == null ? NAME_PREFIX : after);
            dialect.bindText(statement, 4, "\u0002"); // every key row's name starts with U+0001
            statement.setLong(5, cutoff);
            statement.setInt(6, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(dialect.readText(rs, 1));
                }
            }
        }
        return names;
    }

    /**
     * Deletes the key rows named {@code names} (as {@link #expired} returned them), each only while
     * it is still older than {@code cutoff}; returns how many it deleted.
     */
    public int forget(Connection connection, String namespace, long cutoff, List<String> names) throws SQLException {
        String sql = "DELETE FROM " + SqlDialect.TABLE + " WHERE ns = ? AND period_type = ? AND bucket_start = 0"
                + " AND counter_value < ? AND counter_name IN ("
                + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            dialect.bindText(statement, 1, namespace);
            statement.setString(2, PERIOD);
            statement.setLong(3, cutoff);
            int index = 4;
            for (String name : names) {
                dialect.bindText(statement, index++, name);
            }
            return statement.executeUpdate();
        }
    }
}
