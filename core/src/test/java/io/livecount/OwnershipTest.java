package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.livecount.spi.CounterCacheFactory;
import io.livecount.testing.MapCounterCache;
import io.livecount.testing.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The service closes what it creates, and nothing it was given")
class OwnershipTest {

    private static final CounterKey KEY = CounterKey.of("owned", "n");

    /** A factory that keeps every cache it made, to look at them afterwards. */
    private final List<MapCounterCache> made = new CopyOnWriteArrayList<>();

    private final CounterCacheFactory factory = () -> {
        MapCounterCache cache = new MapCounterCache();
        made.add(cache);
        return cache;
    };

    @Test
    @DisplayName("configuration creates no cache; each service creates one from the factory and closes it")
    void serviceOwnsItsCache() {
        LivecountConfig config = LivecountConfig.builder()
                .dataSource(TestDatabase.H2.dataSource())
                .defaultMode(ConsistencyMode.FAST)
                .writeBack(WriteBackConfig.builder(factory).build())
                .build();
        assertThat(made).as("caches made by building the configuration").isEmpty();

        try (CounterService first = Livecount.create(config)) {
            first.add(KEY, 1);
            assertThat(made).hasSize(1);
            try (CounterService second = Livecount.create(config)) {
                assertThat(made).as("a second service has a cache of its own").hasSize(2);
            }
            assertThat(made.get(1).closes).hasValue(1);
            assertThat(made.get(0).closes)
                    .as("the first service's cache while it runs")
                    .hasValue(0);
        }
        assertThat(made.get(0).closes).as("closes of the first service's cache").hasValue(1);
    }

    @Test
    @DisplayName("the application's DataSource stays open after the service closes, and after a failed start")
    void dataSourceStaysOpen() {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:mem:ownership;DB_CLOSE_DELAY=-1");
        pool.setMaximumPoolSize(2);
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            LivecountConfig.Builder config = LivecountConfig.builder().dataSource(dataSource);
            try (CounterService counters = Livecount.create(config.build())) {
                counters.add(KEY, 1);
            }
            assertThat(dataSource.isClosed()).as("closed by the service").isFalse();

            CounterCacheFactory failing = () -> {
                throw new IllegalStateException("no cache today");
            };
            assertThatThrownBy(() -> Livecount.create(
                            config.writeBack(WriteBackConfig.builder(failing).build())
                                    .build()))
                    .hasMessage("no cache today");
            assertThat(dataSource.isClosed()).as("closed by the failed start").isFalse();
        }
    }
}
