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
     * namespace ({@link WriteBackStore#MARKER_NS}), so a listing from the start skips the marker.
     */
    private static final String BEFORE_KEYS = "\u001F";

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
     * after {@code after} ({@code ""}: from the first). One row per counter: its {@link Period#ALL}
     * row, which every counter has. The name range {@code [prefix, endOfPrefix)} is a range of the
     * primary key within the namespace; where the key is in listing order the database reads only
     * the rows of the counters it returns (every stored bucket of each, the {@code ALL} row among them).
     */
    public List<CounterKey> counters(Connection connection, String namespace, String prefix, String after, int limit)
            throws SQLException {
        Optional<String> end = prefix.isEmpty() ? Optional.empty() : dialect.endOfPrefix(prefix);
        String name = dialect.inUtf8Order("counter_name");
        String sql = "SELECT counter_name FROM " + SqlDialect.TABLE
                + " WHERE ns = ? AND counter_name >= ?" + (end.isPresent() ? " AND counter_name < ?" : "")
                + " AND " + name + " > " + dialect.inUtf8Order("?")
                + " AND period_type = ? AND bucket_start = 0 ORDER BY " + name + " LIMIT ?";
        List<CounterKey> counters = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            dialect.bindText(statement, index++, namespace);
            dialect.bindText(statement, index++, prefix);
            if (end.isPresent()) {
                dialect.bindText(statement, index++, end.get());
            }
            dialect.bindText(statement, index++, after);
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
}
