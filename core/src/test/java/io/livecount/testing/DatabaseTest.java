package io.livecount.testing;

import io.livecount.ConsistencyMode;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.WriteBackConfig;
import io.livecount.spi.CounterCache;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

/**
 * Base of the suites that run on every {@link TestDatabase}: a concrete suite is annotated
 * {@code @ParameterizedClass @EnumSource(TestDatabase.class)} and gets a fresh service over an
 * empty table before each test. Namespace {@value #ALL_PERIODS} updates every period.
 */
public abstract class DatabaseTest {

    protected static final String ALL_PERIODS = "all";
    /** Namespace of {@link #fastServiceOn}: FAST mode, ALL period only. */
    protected static final String FAST = "fast";

    protected static final Instant T0 = Instant.parse("2026-03-14T15:09:26Z");

    @Parameter(0)
    protected TestDatabase database;

    protected final MutableClock clock = new MutableClock(T0);
    protected CounterService counters;

    @BeforeEach
    void startService() {
        counters = Livecount.create(configure(baseConfig()).build());
        database.clear();
    }

    @AfterEach
    void stopService() {
        if (counters != null) {
            counters.close();
        }
    }

    protected LivecountConfig.Builder baseConfig() {
        return LivecountConfig.builder()
                .dataSource(database.dataSource())
                .clock(clock)
                .namespace(ALL_PERIODS, NamespaceSettings.allPeriods());
    }

    /** Override to change the configuration of {@link #counters}. */
    protected LivecountConfig.Builder configure(LivecountConfig.Builder builder) {
        return builder;
    }

    /**
     * A service counting namespace {@value #FAST} in FAST mode on {@code cache}, which writes back
     * and reloads cached values only when a test makes it (both after an hour).
     */
    protected CounterService fastServiceOn(CounterCache cache) {
        return Livecount.create(baseConfig()
                .namespace(FAST, NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(() -> cache)
                        .maxDelay(Duration.ofHours(1))
                        .readRefresh(Duration.ofHours(1))
                        .build())
                .build());
    }

    /** Rows stored for one counter name (all namespaces), from the table itself. */
    protected long storedRows(String name) {
        return database.queryLong("SELECT COUNT(*) FROM livecount_counter WHERE counter_name = '" + name + "'");
    }
}
