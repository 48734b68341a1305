package io.livecount.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** The floor: one autocommitted {@code UPDATE ... SET v = v + 1} per increment. */
final class JdbcUpdateScenario implements Scenario {

    static final String NAME = "jdbc-update";
    private static final String UPDATE = "UPDATE bench_counter SET v = v + 1 WHERE k = ?";

    private final DataSource dataSource;
    private final CounterTable table;
    private List<String> keys = List.of();

    JdbcUpdateScenario(DataSource dataSource) {
        this.dataSource = dataSource;
        this.table = new CounterTable(dataSource, "bench_counter");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void reset(List<String> keys) throws SQLException {
        table.reset(keys);
        this.keys = keys;
    }

    @Override
    public void increment(int keyIndex) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(UPDATE)) {
            statement.setString(1, keys.get(keyIndex));
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("no row for key " + keys.get(keyIndex));
            }
        }
    }

    @Override
    public long storedTotal() throws SQLException {
        return table.total();
    }
}
