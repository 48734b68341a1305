package io.livecount.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import io.livecount.internal.store.DataSourceConnections;
import io.livecount.internal.store.Row;
import io.livecount.internal.store.SchemaManager;
import io.livecount.internal.store.SqlDialect;
import io.livecount.internal.store.WriteBackStore;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterCache;
import io.livecount.spi.CounterEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The part of the compatibility kit about entries that leave and come back: eviction under load,
 * two nodes loading the same keys, the count of database writes that caches sharing entries share, and
 * write-backs another node left in flight. Extend it in the provider's module like {@link
 * CounterCacheKit}.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("databases")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@DisplayName("A cache provider never loses an add to eviction or a cold load")
public abstract class ColdLoadKit extends KitBase {

    @Test
    @DisplayName("capacity 100, 10,000 keys, 8 threads adding and reading: exact")
    void evictionStorm() throws InterruptedException {
        CounterService counters = service(100, b -> b.maxDelay(Duration.ofMillis(20)));
        Load.run(8, thread -> {
            for (int i = 0; i < 50_000; i++) {
                CounterKey key = new CounterKey(FAST, "k" + (i * 7 + thread) % 10_000);
                counters.add(key, 1);
                if (i % 5 == 0) {
                    counters.get(key); // loads, and evicts other clean entries
                }
            }
        });
        counters.flush();
        assertThat(countersHolding(FAST, 40)).isEqualTo(10_000);
    }

    @Test
    @DisplayName("two nodes (two caches, one database) evicting and reading the same keys: exact")
    void twoNodes() throws InterruptedException {
        CounterService[] nodes = {
            service(10, b -> b.maxDelay(Duration.ofMillis(30))), service(10, b -> b.maxDelay(Duration.ofMillis(30)))
        };
        Load.run(8, thread -> {
            CounterService node = nodes[thread % 2];
            for (int i = 0; i < 20_000; i++) {
                CounterKey key = new CounterKey(FAST, "shared" + (i * 13 + thread) % 200);
                node.add(key, 1);
                if (i % 4 == 0) {
                    assertThat(node.get(key)).isPositive();
                }
                if (i % 5_000 == 4_999) {
                    node.flush();
                }
            }
        });
        nodes[0].flush();
        nodes[1].flush();
        assertThat(sumOfPeriod(FAST, "ALL")).isEqualTo(8 * 20_000);
        assertThat(countersHolding(FAST, 800)).isEqualTo(200);
        CounterService coldNode = service(10, b -> b);
        List<CounterKey> keys = IntStream.range(0, 200)
                .mapToObj(i -> new CounterKey(FAST, "shared" + i))
                .toList();
        assertThat(coldNode.get(keys, Period.ALL, T0).values()).containsOnly(800L);
    }

    @Test
    @DisplayName("two caches sharing entries share the count of database writes (a cold read of one node must"
            + " see another node's write-back that removed an entry)")
    void sharedDatabaseWriteCount() {
        CounterCache first = closeLater(cacheFactory(1_000).create());
        CounterCache second = closeLater(cacheFactory(1_000).create());
        BucketKey probe = bucket(new CounterKey(FAST, "probe"));
        first.putIfAbsent(probe, new CounterEntry(0, 1, 0, 0, 0));
        List<CounterKey> counters = List.of(probe.key());
        long before = second.databaseWriteCount(counters);

        first.countDatabaseWrites(counters);

        if (second.get(probe) != null) { // shared: see CounterCache#countDatabaseWrites
            assertThat(second.databaseWriteCount(counters))
                    .as("the other node's count")
                    .isNotEqualTo(before);
        }
    }

    @Test
    @DisplayName("a write-back another node left in flight is adopted: written once if it never committed")
    void adoptsUncommittedWriteBack() {
        CounterKey key = new CounterKey(FAST, "orphan");
        CounterCache cache = cacheWithOrphan(key, 5, 77);
        CounterService counters = service(database.dataSource(), cache, b -> b);
        counters.flush();
        assertThat(inDatabase(key)).isEqualTo(5);
        assertThat(counters.get(key)).isEqualTo(5);
        assertThat(counters.writeBackMetrics().pendingCounters()).isZero();
    }

    @Test
    @DisplayName("a write-back another node left in flight is adopted: not written again if it had committed")
    void adoptsCommittedWriteBack() throws SQLException {
        CounterKey key = new CounterKey(FAST, "orphan");
        CounterCache cache = cacheWithOrphan(key, 5, 78);
        SqlDialect dialect = SchemaManager.prepare(
                new DataSourceConnections(database.dataSource(), null), LivecountConfig.SchemaAction.VALIDATE);
        try (Connection connection = database.dataSource().getConnection()) {
            // the other node's statement committed; only its reply was lost with it
            new WriteBackStore(dialect).writeWithMarker(connection, List.of(new Row(bucket(key), 5)), 78, 1_000);
        }
        CounterService counters = service(database.dataSource(), cache, b -> b);
        counters.flush();
        assertThat(inDatabase(key)).isEqualTo(5);
        assertThat(counters.get(key)).isEqualTo(5);
    }

    @Test
    @DisplayName("a write-back another node left in flight over many counters is adopted whole, by one flush")
    void adoptsWholeWriteBack() {
        CounterCache cache = cacheFactory(1_000).create(); // the service below takes it over
        List<CounterKey> keys = IntStream.range(0, 50)
                .mapToObj(i -> new CounterKey(FAST, "orphan" + i))
                .toList();
        for (CounterKey key : keys) {
            // the dead node's write-back took 5 from each; 1 more was added after it died
            cache.putIfAbsent(bucket(key), new CounterEntry(0, 1, 5, 79, 0));
        }
        CounterService counters = service(database.dataSource(), cache, b -> b.maxDelay(Duration.ofHours(1)));
        counters.flush();
        for (CounterKey key : keys) {
            assertThat(inDatabase(key)).as(key.name()).isEqualTo(6);
        }
        assertThat(cache.dirtyKeys()).isEmpty();
    }

    /** A cache holding {@code delta} taken by write-back {@code flushId} of a node that is gone. */
    private CounterCache cacheWithOrphan(CounterKey key, long delta, long flushId) {
        CounterCache cache = cacheFactory(1_000).create(); // the service below takes it over
        assertThat(cache.putIfAbsent(bucket(key), new CounterEntry(0, 0, delta, flushId, 0)))
                .isNull();
        return cache;
    }

    private BucketKey bucket(CounterKey key) {
        return new BucketKey(key, Period.ALL, 0);
    }
}
