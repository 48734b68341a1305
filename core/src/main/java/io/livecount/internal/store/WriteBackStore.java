package io.livecount.internal.store;

import io.livecount.Period;
import io.livecount.spi.BucketKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of FAST mode's write-back, run on a connection it is given.
 *
 * <p><b>Exactly once.</b> Every write-back has a random 63-bit id. Its statement upserts the deltas
 * and, as one more row of the same statement, a marker row for the id: ns {@value #MARKER_NS}
 * (a control character no counter key may contain), name {@code flush}, period {@code FLUSH},
 * bucket_start = the id, value = {@value #MARKER_BASE} + when it was applied (epoch seconds). The
 * marker commits if and only if the deltas do. A retry first inserts the marker if absent, in a
 * transaction of its own with the deltas: finding it means the first attempt committed, and the
 * retry writes nothing. A first attempt still in flight holds the marker's row lock, so the retry
 * waits for its outcome.
 *
 * <p><b>A marker is written once.</b> The upsert adds values, so a first attempt that runs after
 * someone else already wrote its marker (another node adopted the write-back while this one was
 * slow, see the cluster docs) would add the marker to itself. Every marker value is at least
 * {@value #MARKER_BASE} = 2^62, so that sum leaves the BIGINT range: the database refuses the whole
 * statement (an overflow, deltas included), and the retry then finds the marker.
 */
public final class WriteBackStore {

    /** Namespace of the marker rows; unreachable for counters (control characters are refused). */
    public static final String MARKER_NS = "\u0001livecount";

    private static final String MARKER_NAME = "flush";
    private static final String MARKER_PERIOD = "FLUSH";
    /** Added to every marker's time: two markers never sum inside a BIGINT. */
    static final long MARKER_BASE = 1L << 62;
    /**
     * Added to the time of a fence: a marker written by a node that adopted a write-back it did not
     * start, so that the write-back's own statement can no longer commit. A fence says "not
     * written": its rows are written again under a new id.
     */
    static final long FENCE_BASE = MARKER_BASE + (1L << 61);

    /** What a retried write-back found. */
    public enum Retry {
        /** The deltas were written now, with the marker. */
        WRITTEN,
        /** The write-back had committed before. */
        HAD_COMMITTED,
        /** Another node fenced it: it never committed and never will; write its rows under a new id. */
        FENCED
    }

    private static final int READ_CHUNK = 400;

    private final SqlDialect dialect;

    public WriteBackStore(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** First attempt: the deltas (distinct, sorted) and the marker of {@code flushId}, one statement. */
    public void writeWithMarker(Connection connection, List<Row> rows, long flushId, long nowSeconds)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(dialect.upsertSql(rows.size() + 1, false))) {
            UpsertRows upsert = new UpsertRows(rows.size() + 1)
                    .add(MARKER_NS, MARKER_NAME, MARKER_PERIOD, flushId, MARKER_BASE + nowSeconds);
            dialect.bindRows(statement, upsert.addAll(rows));
            statement.executeUpdate();
        }
    }

    /**
     * Upserts {@code rows} (distinct, sorted) without a marker, at most 1,000 a statement: for
     * writes whose exactly-once check is in their own transaction (idempotency keys).
     */
    public void write(Connection connection, List<Row> rows) throws SQLException {
        for (int from = 0; from < rows.size(); from += 1_000) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + 1_000));
            try (PreparedStatement statement = connection.prepareStatement(dialect.upsertSql(chunk.size(), false))) {
                dialect.bindRows(statement, UpsertRows.of(chunk));
                statement.executeUpdate();
            }
        }
    }

    /**
     * Retry: inserts the marker of {@code flushId} unless present and, if it was absent, the
     * deltas. Run it in a transaction.
     */
    public Retry writeIfNotApplied(Connection connection, List<Row> rows, long flushId, long nowSeconds)
            throws SQLException {
        if (!insertMarker(connection, flushId, MARKER_BASE + nowSeconds)) {
            return isFence(connection, flushId) ? Retry.FENCED : Retry.HAD_COMMITTED;
        }
        try (PreparedStatement statement = connection.prepareStatement(dialect.upsertSql(rows.size(), false))) {
            dialect.bindRows(statement, UpsertRows.of(rows));
            statement.executeUpdate();
        }
        return Retry.WRITTEN;
    }

    /**
     * For a write-back of another node, adopted: returns whether it had committed; if not, fences
     * it first (its statement, should it still run, fails on the second marker). Either way the
     * adopter writes no row under {@code flushId}: the other node may hold more rows of it.
     */
    public boolean fenceUnlessCommitted(Connection connection, long flushId, long nowSeconds) throws SQLException {
        if (insertMarker(connection, flushId, FENCE_BASE + nowSeconds)) {
            return false;
        }
        return !isFence(connection, flushId);
    }

    private boolean isFence(Connection connection, long flushId) throws SQLException {
        String sql = "SELECT counter_value FROM " + SqlDialect.TABLE
                + " WHERE ns = ? AND counter_name = ? AND period_type = ? AND bucket_start = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            dialect.bindText(statement, 1, MARKER_NS);
            dialect.bindText(statement, 2, MARKER_NAME);
            statement.setString(3, MARKER_PERIOD);
            statement.setLong(4, flushId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getLong(1) >= FENCE_BASE;
            }
        }
    }

    private boolean insertMarker(Connection connection, long flushId, long value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(dialect.insertIfAbsentSql())) {
            bindMarkerValue(statement, 1, flushId, value);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if (dialect.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes markers and fences written before {@code beforeSeconds}; returns how many. */
    public int deleteMarkers(Connection connection, long beforeSeconds) throws SQLException {
        String sql = "DELETE FROM " + SqlDialect.TABLE
                + " WHERE ns = ? AND counter_name = ? AND period_type = ?"
                + " AND (counter_value < ? OR counter_value BETWEEN ? AND ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            dialect.bindText(statement, 1, MARKER_NS);
            dialect.bindText(statement, 2, MARKER_NAME);
            statement.setString(3, MARKER_PERIOD);
            statement.setLong(4, MARKER_BASE + beforeSeconds);
            statement.setLong(5, FENCE_BASE);
            statement.setLong(6, FENCE_BASE + beforeSeconds - 1);
            return statement.executeUpdate();
        }
    }

    /**
     * The stored values of {@code buckets} (absent: 0) and which of {@code flushIds} have committed,
     * each chunk read in one statement so that a value and the markers of its bucket's write-backs
     * come from one snapshot.
     */
    public Snapshot read(Connection connection, List<BucketKey> buckets, Map<BucketKey, Long> flushIds)
            throws SQLException {
        Snapshot snapshot = new Snapshot(new HashMap<>(), new HashSet<>());
        for (int from = 0; from < buckets.size(); from += READ_CHUNK) {
            List<BucketKey> chunk = buckets.subList(from, Math.min(buckets.size(), from + READ_CHUNK));
            String where = String.join(
                    " OR ",
                    Collections.nCopies(
                            chunk.size(), "(ns = ? AND counter_name = ? AND period_type = ? AND bucket_start = ?)"));
            List<Long> ids = chunk.stream()
                    .map(flushIds::get)
                    .filter(id -> id != null && id != 0)
                    .toList();
            try (PreparedStatement statement = connection.prepareStatement(withMarkers(where, ids.size()))) {
                int index = 1;
                for (BucketKey bucket : chunk) {
                    dialect.bindText(statement, index++, bucket.key().namespace());
                    dialect.bindText(statement, index++, bucket.key().name());
                    statement.setString(index++, bucket.period().name());
                    statement.setLong(index++, bucket.bucketStart());
                }
                bindMarkerIds(statement, index, ids);
                collect(statement, snapshot);
            }
        }
        return snapshot;
    }

    /** Like {@link #read}, for the buckets of one counter and period between two starts. */
    public Snapshot readRange(Connection connection, BucketKey first, long lastBucketStart, Collection<Long> flushIds)
            throws SQLException {
        Snapshot snapshot = new Snapshot(new HashMap<>(), new HashSet<>());
        String where = "ns = ? AND counter_name = ? AND period_type = ? AND bucket_start BETWEEN ? AND ?";
        List<Long> ids = List.copyOf(flushIds);
        try (PreparedStatement statement = connection.prepareStatement(withMarkers(where, ids.size()))) {
            dialect.bindText(statement, 1, first.key().namespace());
            dialect.bindText(statement, 2, first.key().name());
            statement.setString(3, first.period().name());
            statement.setLong(4, first.bucketStart());
            statement.setLong(5, lastBucketStart);
            bindMarkerIds(statement, 6, ids);
            collect(statement, snapshot);
        }
        return snapshot;
    }

    /** Values read in one snapshot, and the write-backs that had committed in it. */
    public record Snapshot(Map<BucketKey, Long> values, Set<Long> appliedFlushes) {
        public long value(BucketKey bucket) {
            return values.getOrDefault(bucket, 0L);
        }
    }

    private String withMarkers(String where, int markers) {
        String select = "SELECT ns, counter_name, period_type, bucket_start, counter_value FROM " + SqlDialect.TABLE;
        String sql = select + " WHERE " + where;
        if (markers > 0) {
            sql += " UNION ALL " + select
                    + " WHERE ns = ? AND counter_name = ? AND period_type = ? AND bucket_start IN ("
                    + String.join(", ", Collections.nCopies(markers, "?")) + ")";
        }
        return sql;
    }

    private void bindMarkerIds(PreparedStatement statement, int index, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        dialect.bindText(statement, index++, MARKER_NS);
        dialect.bindText(statement, index++, MARKER_NAME);
        statement.setString(index++, MARKER_PERIOD);
        for (long id : ids) {
            statement.setLong(index++, id);
        }
    }

    private void collect(PreparedStatement statement, Snapshot snapshot) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String period = rs.getString(3).trim();
                if (period.equals(MARKER_PERIOD)) {
                    if (rs.getLong(5) < FENCE_BASE) { // a fence means the write-back never committed
                        snapshot.appliedFlushes().add(rs.getLong(4));
                    }
                } else {
                    BucketKey bucket = new BucketKey(dialect.readKey(rs, 1), Period.valueOf(period), rs.getLong(4));
                    snapshot.values().put(bucket, rs.getLong(5));
                }
            }
        }
    }

    private int bindMarkerValue(PreparedStatement statement, int index, long flushId, long value) throws SQLException {
        dialect.bindText(statement, index, MARKER_NS);
        dialect.bindText(statement, index + 1, MARKER_NAME);
        statement.setString(index + 2, MARKER_PERIOD);
        statement.setLong(index + 3, flushId);
        statement.setLong(index + 4, value);
        return index + 5;
    }
}
