package io.livecount.tck;

import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.WriteBackConfig;
import io.livecount.spi.CounterCache;
import io.livecount.spi.CounterCacheFactory;
import io.livecount.testing.MutableClock;
import io.livecount.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

/**
 * What the compatibility kit's tests share: the database of this run, services that each create a
 * cache from the provider's factory, and direct queries of the table.
 */
public abstract class KitBase {

    /** Namespace counted in FAST mode, ALL period only. */
    protected static final String FAST = "fast";
    /** Namespace counted in FAST mode in every period. */
    protected static final String FAST_PERIODS = "fast-periods";
    /** Namespace counted in STRICT mode. */
    protected static final String STRICT = "strict";

    protected static final Instant T0 = Instant.parse("2026-03-14T15:09:26Z");

    /** A stored value 3 below the largest: a few adds on top of it overflow. */
    protected static final long NEAR_MAX = Long.MAX_VALUE - 3;

    @Parameter
    protected TestDatabase database;

    protected final MutableClock clock = new MutableClock(T0);
    private final List<AutoCloseable> resources = new ArrayList<>();

    /**
     * The databases the kit runs on: all of {@link TestDatabase}. A provider's suite may declare
     * its own static {@code databases()} to narrow them (JUnit finds the subclass's method first).
     */
    protected static List<TestDatabase> databases() {
        return List.of(TestDatabase.values());
    }

    /**
     * The factory of the provider under test, as an application would configure it: each {@code
     * create()} returns a new, empty cache that keeps at most about {@code capacity} clean entries
     * (entries with unwritten deltas are never evicted). The kit's services create their caches
     * from it and close them.
     */
    protected abstract CounterCacheFactory cacheFactory(int capacity);

    @BeforeEach
    void emptyTable() {
        try (CounterService schema = strictService(database.dataSource())) {
            database.clear(); // the service created the table if it was missing
        }
    }

    @AfterEach
    void closeResources() throws Exception {
        Collections.reverse(resources);
        Exception first = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) first = e;
            }
        }
        resources.clear();
        if (first != null && !(first instanceof io.livecount.LivecountException)) {
            throw first;
        }
    }

    /** A FAST-capable service on the test database; closed after the test. */
    protected CounterService service(int capacity, UnaryOperator<WriteBackConfig.Builder> writeBack) {
        return service(database.dataSource(), capacity, writeBack);
    }

    protected CounterService service(
            DataSource dataSource, int capacity, UnaryOperator<WriteBackConfig.Builder> writeBack) {
        return serviceOn(dataSource, cacheFactory(capacity), writeBack);
    }

    /** A FAST-capable service that takes over a cache the test prepared: the service closes it. */
    protected CounterService service(
            DataSource dataSource, CounterCache cache, UnaryOperator<WriteBackConfig.Builder> writeBack) {
        return serviceOn(dataSource, () -> cache, writeBack); // called once, by this one service
    }

    private CounterService serviceOn(
            DataSource dataSource, CounterCacheFactory cache, UnaryOperator<WriteBackConfig.Builder> writeBack) {
        WriteBackConfig.Builder settings = WriteBackConfig.builder(cache).maxDelay(Duration.ofMillis(100));
        CounterService service = Livecount.create(
                config(dataSource).writeBack(writeBack.apply(settings).build()).build());
        return closeLater(service);
    }

    /** A STRICT-only service: reads what the database holds. */
    protected CounterService strictService(DataSource dataSource) {
        return Livecount.create(LivecountConfig.builder().dataSource(dataSource).build());
    }

    /** The database's all-time value of a counter, read by a service without a cache. */
    protected long inDatabase(CounterKey key) {
        try (CounterService reader = strictService(database.dataSource())) {
            return reader.get(key);
        }
    }

    /** The sum of every stored bucket of one period in a namespace. */
    protected long sumOfPeriod(String namespace, String period) {
        return database.queryLong("SELECT COALESCE(SUM(counter_value), 0) FROM livecount_counter WHERE ns = '"
                + namespace + "' AND period_type = '" + period + "'");
    }

    /** How many counters of a namespace hold exactly {@code value} in their ALL bucket. */
    protected long countersHolding(String namespace, long value) {
        return database.queryLong("SELECT COUNT(*) FROM livecount_counter WHERE ns = '" + namespace
                + "' AND period_type = 'ALL' AND counter_value = " + value);
    }

    /** Adds 1 to counters {@code prefix + 0} to {@code prefix + (count - 1)} of {@link #FAST}. */
    protected static void addOneToEach(CounterService counters, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            counters.add(new CounterKey(FAST, prefix + i), 1);
        }
    }

    protected ProxiedDatabase proxied() {
        return closeLater(new ProxiedDatabase(database));
    }

    protected <T extends AutoCloseable> T closeLater(T resource) {
        resources.add(resource);
        return resource;
    }

    private LivecountConfig.Builder config(DataSource dataSource) {
        return LivecountConfig.builder()
                .dataSource(dataSource)
                .clock(clock)
                .namespace(FAST, NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                .namespace(FAST_PERIODS, NamespaceSettings.allPeriods().withMode(ConsistencyMode.FAST))
                .namespace(STRICT, NamespaceSettings.allPeriods());
    }

    /** Sleeps; an interrupt ends the sleep and stays set. */
    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
