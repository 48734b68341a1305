package io.livecount.bench;

import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the STRICT scenarios share: a service with default settings on the bench's database (it
 * creates livecount_counter), one namespace whose keys' all-time rows {@link #reset} pre-creates at
 * 0, and the stored total of those keys.
 */
abstract class StrictCounters implements Scenario {

    final DataSource dataSource;
    final CounterService counters;
    private final String namespace;
    List<CounterKey> keys = List.of();

    StrictCounters(DataSource dataSource, String namespace) {
        this.dataSource = dataSource;
        this.namespace = namespace;
        this.counters = Livecount.create(
                LivecountConfig.builder().dataSource(dataSource).build());
    }

    /**
     * Clears the namespace and pre-creates each key's all-time row at 0, as {@code jdbc-update} has
     * its rows: every measured add is then an update of an existing row, not an insert.
     */
    @Override
    public void reset(List<String> names) throws SQLException {
        StrictScenario.recreateRows(dataSource, namespace, names);
        this.keys = names.stream().map(name -> CounterKey.of(namespace, name)).toList();
    }

    /** The sum of the keys' all-time values. */
    long total() {
        return counters.get(keys, Period.ALL, Instant.EPOCH).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    @Override
    public long storedTotal() {
        return total();
    }

    @Override
    public void close() {
        counters.close();
    }
}
