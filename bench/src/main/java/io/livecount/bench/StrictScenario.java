package io.livecount.bench;

import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** Livecount STRICT with default settings: {@code counters.add(key, 1)}, committed on return. */
final class StrictScenario implements Scenario {

    static final String NAME = "strict";
    static final String NAMESPACE = "bench";

    private final DataSource dataSource;
    private final CounterService counters;
    private List<CounterKey> keys = List.of();

    StrictScenario(DataSource dataSource) {
        this.dataSource = dataSource;
        this.counters = Livecount.create(
                LivecountConfig.builder().dataSource(dataSource).build()); // creates livecount_counter
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Clears the namespace and pre-creates each key's all-time row at 0, as {@code jdbc-update} has
     * its rows: every measured add is then an update of an existing row, not an insert.
     */
    @Override
    public void reset(List<String> names) throws SQLException {
        recreateRows(dataSource, NAMESPACE, names);
        this.keys = names.stream().map(name -> CounterKey.of(NAMESPACE, name)).toList();
    }

    /** Deletes every row of {@code namespace} and inserts each name's all-time row at 0. */
    static void recreateRows(DataSource dataSource, String namespace, List<String> names) throws SQLException {
        // Literals and setString: ns and counter_name are VARBINARY on MariaDB, VARCHAR elsewhere; the
        // bench's names are ASCII, so their UTF-8 bytes are what Livecount itself would store.
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM livecount_counter WHERE ns = '" + namespace + "'");
            }
            CounterTable.insertRows(
                    connection,
                    "INSERT INTO livecount_counter (ns, counter_name, period_type, bucket_start, counter_value) VALUES ",
                    "('" + namespace + "', ?, 'ALL', 0, 0)",
                    names);
        }
    }

    @Override
    public void increment(int keyIndex) {
        counters.add(keys.get(keyIndex), 1);
    }

    @Override
    public long storedTotal() {
        return counters.get(keys, Period.ALL, Instant.EPOCH).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    @Override
    public void close() {
        counters.close();
    }
}
