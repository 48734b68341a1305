package io.livecount.internal.store;

import io.livecount.CounterKey;
import io.livecount.Period;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of listings, in {@link TextOrder#UTF8} on every database, read through the primary key
 * {@code (ns, counter_name, period_type, bucket_start)}; no {@code LIKE}. Runs on a connection it is
 * given, as {@link CounterStore}.
 */
public final class ListingStore {

    /**
     * Below every valid key (whose characters are U+0020 or above) and above the write-back's marker
     * namespace ({@link WriteBackStore#MARKER_NS}) and the names of idempotency key rows ({@link
     * IdempotencyStore}: U+0001 and the key), so a listing from the start reads neither.
     */
    private static final String BEFORE_KEYS = "\u001F";

    /**
     * Rows per counter up to which a listing reads the counters' rows in key order; above it, one
     * index lookup per counter. A lookup is a round trip, which on a database on the same machine
     * costs about what reading 250 rows in key order does; over a network it costs more.
     */
    static final int ROWS_PER_COUNTER_READ = 256;

    /** Rows per statement of a listing read in key order. */
    private static final int MAX_ROWS_PER_STATEMENT = 1_000;

    private final SqlDialect dialect;

    public ListingStore(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * The first {@code limit} namespaces after {@code after} ({@code ""}: from the first). Where the
     * primary key is in listing order, a loose index scan: one {@code ORDER BY ns LIMIT 1} lookup
     * per namespace, so other namespaces' rows are never read. On H2, one sorted pass over the table.
     */
    public List<String> namespaces(Connection connection, String after, int limit) throws SQLException {
        String from = after.isEmpty() ? BEFORE_KEYS : after;
        List<String> namespaces = new ArrayList<>();
        if (dialect.keysInUtf8Order()) {
            String sql = "SELECT ns FROM " + SqlDialect.TABLE + " WHERE ns > ? ORDER BY ns LIMIT 1";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                while (namespaces.size() < limit) {
                    dialect.bindText(statement, 1, from);
                    try (ResultSet rs = statement.executeQuery()) {
                        if (!rs.next()) {
                            break;
                        }
                        from = dialect.readText(rs, 1);
                        namespaces.add(from);
                    }
                }
            }
            return namespaces;
        }
        String key = dialect.inUtf8Order("ns");
        String sql = "SELECT DISTINCT ns, " + key + " AS sort_key FROM " + SqlDialect.TABLE + " WHERE " + key + " > "
                + dialect.inUtf8Order("?") + " ORDER BY sort_key LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            dialect.bindText(statement, 1, from);
            statement.setInt(2, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    namespaces.add(dialect.readText(rs, 1));
                }
            }
        }
        return namespaces;
    }

    /**
     * The first {@code limit} counters of {@code namespace} whose names start with {@code prefix},
     * after {@code after} ({@code ""}: from the first): the names that have a {@link Period#ALL} row,
     * which every counter has. The name range {@code [prefix, endOfPrefix)} is a range of the primary
     * key within the namespace. Where the key is in listing order it is read in key order, where a
     * counter's rows are its {@code ALL} row (the least period name) followed by its buckets: while
     * counters have few rows, a page is one or two statements; once they have more than {@value
     * #ROWS_PER_COUNTER_READ}, the rest of the page takes one index lookup per counter (its first row)
     * instead of reading every bucket it stores. On H2, one sorted statement.
     */
    public List<CounterKey> counters(Connection connection, String namespace, String prefix, String after, int limit)
            throws SQLException {
        Optional<String> end = prefix.isEmpty() ? Optional.empty() : dialect.endOfPrefix(prefix);
        if (!dialect.keysInUtf8Order()) {
            return sortedCounters(connection, namespace, prefix, end, after, limit);
        }
        return inKeyOrder(connection, namespace, prefix, end, after, limit, true).stream()
                .map(name -> new CounterKey(namespace, name))
                .toList();
    }

    /**
     * The first {@code limit} names with rows in {@code namespace} after {@code after} ({@code ""}:
     * from the first), in the database's order of the key (on H2 not UTF-8 order), whether or not
     * they have an {@code ALL} row; idempotency key rows are not names. Read as {@link #counters}
     * reads on MariaDB and PostgreSQL, on every database.
     */
    public List<String> storedNames(Connection connection, String namespace, String after, int limit)
            throws SQLException {
        return inKeyOrder(connection, namespace, "", Optional.empty(), after, limit, false);
    }

    private List<String> inKeyOrder(
            Connection connection,
            String namespace,
            String prefix,
            Optional<String> end,
            String after,
            int limit,
            boolean withAllTimeRow)
            throws SQLException {
        String sql = "SELECT counter_name, period_type, bucket_start FROM " + SqlDialect.TABLE
                + " WHERE ns = ? AND counter_name >= ?" + (end.isPresent() ? " AND counter_name < ?" : "")
                + " AND counter_name > ? ORDER BY counter_name, period_type, bucket_start LIMIT ?";
        List<String> names = new ArrayList<>();
        String from = after.isEmpty() ? BEFORE_KEYS : after;
        long rowsPerCounter = 1;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            while (names.size() < limit) {
                int rows = rowsPerCounter > ROWS_PER_COUNTER_READ
                        ? 1
                        : (int) Math.min(MAX_ROWS_PER_STATEMENT, (limit - names.size()) * rowsPerCounter);
                int index = bindRange(statement, namespace, prefix, end, from);
                statement.setInt(index, rows);
                KeyOrderChunk chunk = KeyOrderChunk.read(statement, dialect, withAllTimeRow, limit - names.size());
                names.addAll(chunk.listed());
                if (chunk.rows() < rows) {
                    break; // the range is exhausted
                }
                from = chunk.lastName(); // the rest of its rows are buckets: skipped
                if (rows > 1) { // a lookup's single row says nothing of the rows per counter: once they are many, stay
                    rowsPerCounter = Math.max(1, chunk.rows() / chunk.names());
                }
            }
        }
        return names;
    }

    /** H2: the same range, sorted by UTF-8 bytes ({@link SqlDialect#inUtf8Order}). */
    private List<CounterKey> sortedCounters(
            Connection connection, String namespace, String prefix, Optional<String> end, String after, int limit)
            throws SQLException {
        String name = dialect.inUtf8Order("counter_name");
        String sql = "SELECT counter_name FROM " + SqlDialect.TABLE
                + " WHERE ns = ? AND counter_name >= ?" + (end.isPresent() ? " AND counter_name < ?" : "")
                + " AND " + name + " > " + dialect.inUtf8Order("?")
                + " AND period_type = ? AND bucket_start = 0 ORDER BY " + name + " LIMIT ?";
        List<CounterKey> counters = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = bindRange(statement, namespace, prefix, end, after);
            statement.setString(index++, Period.ALL.name());
            statement.setInt(index, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    counters.add(new CounterKey(namespace, dialect.readText(rs, 1)));
                }
            }
        }
        return counters;
    }

    /**
     * Binds {@code ns = ? AND counter_name >= ? [AND counter_name < ?] AND ... > ?} and returns the
     * index of the next parameter.
     */
    private int bindRange(
            PreparedStatement statement, String namespace, String prefix, Optional<String> end, String after)
            throws SQLException {
        int index = 1;
        dialect.bindText(statement, index++, namespace);
        dialect.bindText(statement, index++, prefix);
        if (end.isPresent()) {
            dialect.bindText(statement, index++, end.get());
        }
        dialect.bindText(statement, index++, after);
        return index;
    }
}
