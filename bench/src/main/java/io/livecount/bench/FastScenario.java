package io.livecount.bench;

import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.WriteBackConfig;
import io.livecount.ehcache.EhcacheCounterCache;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * Livecount FAST over {@link EhcacheCounterCache}: {@code counters.add(key, 1)} in memory, written
 * back by the service's write-back thread (default {@code maxDelay} 1 s, default {@code
 * maxDirtyCounters} 10,000). {@code fast-ehcache-window} adds a 10 ms local window. {@link
 * #storedTotal} flushes and then reads the database itself, so {@code lost} checks that every add
 * reached the table.
 */
final class FastScenario implements Scenario {

    static final String NAME = "fast-ehcache";
    static final String WINDOW_NAME = "fast-ehcache-window";
    static final String NAMESPACE = "bench-fast";
    static final Duration WINDOW = Duration.ofMillis(10);

    private final DataSource dataSource;
    private final boolean window;
    private CounterService counters;
    private CounterKey[] keys = new CounterKey[0];

    FastScenario(DataSource dataSource, boolean window) {
        this.dataSource = dataSource;
        this.window = window;
        this.counters = create(); // creates livecount_counter if missing
    }

    private CounterService create() {
        WriteBackConfig.Builder writeBack = WriteBackConfig.builder(
                        EhcacheCounterCache.builder().heapEntries(100_000).build())
                .maxDelay(Duration.ofSeconds(1));
        if (window) {
            writeBack.localWindow(WINDOW);
        }
        return Livecount.create(LivecountConfig.builder()
                .dataSource(dataSource)
                .namespace(NAMESPACE, NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                .writeBack(writeBack.build())
                .build());
    }

    @Override
    public String name() {
        return window ? WINDOW_NAME : NAME;
    }

    /**
     * A new service and cache per run (fresh write-back metrics), the namespace cleared and each
     * key's all-time row pre-created at 0, as {@code strict} does.
     */
    @Override
    public void reset(List<String> names) throws SQLException {
        counters.close(); // writes what the previous run left (nothing: storedTotal flushed it)
        counters = create();
        StrictScenario.recreateRows(dataSource, NAMESPACE, names);
        this.keys = names.stream().map(name -> CounterKey.of(NAMESPACE, name)).toArray(CounterKey[]::new);
    }

    @Override
    public void increment(int keyIndex) {
        counters.add(keys[keyIndex], 1);
    }

    @Override
    public long storedTotal() throws SQLException {
        counters.flush();
        return sumAll(dataSource, NAMESPACE);
    }

    @Override
    public long statements() {
        return counters.writeBackMetrics().flushStatements();
    }

    @Override
    public void close() {
        counters.close();
    }

    /** The sum of the all-time rows of {@code namespace}, read from the table (not through Livecount). */
    static long sumAll(DataSource dataSource, String namespace) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COALESCE(SUM(counter_value), 0) FROM livecount_counter"
                        + " WHERE ns = '" + namespace + "' AND period_type = 'ALL'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
