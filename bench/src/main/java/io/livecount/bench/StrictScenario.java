package io.livecount.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/** Livecount STRICT with default settings: {@code counters.add(key, 1)}, committed on return. */
final class StrictScenario extends StrictCounters {

    static final String NAME = "strict";
    static final String NAMESPACE = "bench";

    StrictScenario(DataSource dataSource) {
        super(dataSource, NAMESPACE);
    }

    @Override
    public String name() {
        return NAME;
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
}
