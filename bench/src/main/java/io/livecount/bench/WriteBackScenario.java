package io.livecount.bench;

import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.WriteBackConfig;
import io.livecount.ehcache.EhcacheCounterCache;
import io.livecount.spi.CounterCacheFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the FAST scenarios share: a Livecount service in FAST mode over a new cache ({@link
 * EhcacheCounterCache} unless a subclass says otherwise) for one namespace, made anew for each run (fresh write-back metrics), and a stored total that
 * flushes and then reads the table itself, so that {@code lost} checks that every add reached it.
 */
abstract class WriteBackScenario implements Scenario {

    /** The write-back's {@code maxDelay} unless {@code --max-delay-ms} says otherwise: the library's default. */
    static final int DEFAULT_MAX_DELAY_MILLIS = 1_000;

    final DataSource dataSource;
    private final String namespace;
    private final Duration maxDelay;
    CounterService counters;
    CounterKey[] keys = new CounterKey[0];
    private long lastFlushNanos = -1;

    /** {@code maxDelay}: the write-back's, before {@link #configure} adds the scenario's own settings. */
    WriteBackScenario(DataSource dataSource, String namespace, Duration maxDelay) {
        this.dataSource = dataSource;
        this.namespace = namespace;
        this.maxDelay = maxDelay;
    }

    /** The write-back settings of this scenario, on top of {@link #cacheFactory} and the {@code maxDelay}. */
    abstract WriteBackConfig.Builder configure(WriteBackConfig.Builder writeBack);

    /** The cache of a new run: a 100,000-entry Ehcache unless the scenario says otherwise. */
    CounterCacheFactory cacheFactory() {
        return EhcacheCounterCache.builder().heapEntries(100_000).factory();
    }

    /** Call last in the subclass constructor: creates livecount_counter if missing. */
    final void start() {
        counters = create();
    }

    private CounterService create() {
        return createService(cacheFactory());
    }

    /** A FAST service of this scenario on a cache from {@code cache}, which the service creates and closes. */
    final CounterService createService(CounterCacheFactory cache) {
        return Livecount.create(LivecountConfig.builder()
                .dataSource(dataSource)
                .namespace(namespace, NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                .writeBack(configure(WriteBackConfig.builder(cache).maxDelay(maxDelay))
                        .build())
                .build());
    }

    /**
     * A new service and cache per run, the namespace cleared and each key's all-time row
     * pre-created at 0, as {@code strict} does.
     */
    @Override
    public void reset(List<String> names) throws SQLException {
        counters.close(); // writes what the previous run left (nothing: storedTotal flushed it)
        counters = create();
        StrictScenario.recreateRows(dataSource, namespace, names);
        this.keys = names.stream().map(name -> CounterKey.of(namespace, name)).toArray(CounterKey[]::new);
    }

    @Override
    public void increment(int keyIndex) {
        counters.add(keys[keyIndex], 1);
    }

    /** Writes everything (timed: {@link #lastFlushNanos}), then sums the namespace's all-time rows with SQL. */
    @Override
    public long storedTotal() throws SQLException {
        long start = System.nanoTime();
        flushAll();
        lastFlushNanos = System.nanoTime() - start;
        return storedSum();
    }

    /** Writes every add of the run to the table: {@code counters.flush()} unless a scenario has more nodes. */
    void flushAll() {
        counters.flush();
    }

    /** The sum of the namespace's all-time rows in the table, read with SQL. */
    final long storedSum() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COALESCE(SUM(counter_value), 0) FROM livecount_counter"
                        + " WHERE ns = '" + namespace + "' AND period_type = 'ALL'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public long lastFlushNanos() {
        return lastFlushNanos;
    }

    @Override
    public long statements() {
        return counters.writeBackMetrics().flushStatements();
    }

    @Override
    public void close() {
        counters.close();
    }
}
