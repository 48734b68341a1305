package io.livecount.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterKey;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.DataSourceConnections;
import io.livecount.internal.store.MySqlFamilyDialect;
import io.livecount.testing.TestDatabase;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * MySQL has no INSERT ... RETURNING, so addAndGet upserts and reads back in one transaction. MySQL
 * is not on this machine; MariaDB speaks the same SQL, so the MySQL dialect runs against it here.
 */
@DisplayName("The MySQL dialect (upsert, then read in the same transaction), run on MariaDB")
class MySqlWithoutReturningTest {

    @Test
    @DisplayName("concurrent addAndGet calls each see a distinct value")
    void addAndGetThroughTransaction() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        LivecountConfig config =
                LivecountConfig.builder().dataSource(db.dataSource()).build();
        Livecount.create(config).close(); // creates the table if missing
        db.clear();
        CounterKey key = CounterKey.of("mysql", "k");
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        try (DefaultCounterService counters = new DefaultCounterService(
                config,
                new DataSourceConnections(db.dataSource(), null),
                new CounterStore(new MySqlFamilyDialect(false)))) {
            assertThat(counters.databaseName()).isEqualTo("mysql");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            IntStream.range(0, 8)
                    .forEach(t -> pool.submit(() -> {
                        for (int i = 0; i < 250; i++) {
                            seen.add(counters.addAndGet(key, 1));
                        }
                    }));
            pool.shutdown();
            assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            assertThat(seen)
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.rangeClosed(1, 2000).boxed().toList());
            assertThat(counters.get(key)).isEqualTo(2000);
        }
    }
}
