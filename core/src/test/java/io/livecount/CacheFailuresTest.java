package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.spi.BucketKey;
import io.livecount.spi.CacheOutcomeUnknownException;
import io.livecount.spi.CacheUnavailableException;
import io.livecount.spi.CounterCache;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import io.livecount.spi.EntryProcessingCache;
import io.livecount.testing.DatabaseTest;
import io.livecount.testing.MapCounterCache;
import io.livecount.testing.TestDatabase;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cache provider's two failure kinds reach callers as Livecount's exceptions, through the
 * compare-and-swap path and the entry-processing path alike, and an add refused in part is undone.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(
        value = TestDatabase.class,
        names = {"H2"})
@DisplayName("Failures of the cache provider")
class CacheFailuresTest extends DatabaseTest {

    private static final String FAST = "fast";
    private final CounterKey key = CounterKey.of(FAST, "k");

    @ParameterizedTest(name = "entry processing: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("a refusal is a CounterUnavailableException, for adds and reads, and nothing is applied")
    void refused(boolean processing) {
        FailingCache cache = cache(processing);
        CacheUnavailableException refusal = new CacheUnavailableException("minority side", null);
        cache.failing(bucket -> true, refusal);
        try (CounterService service = service(cache)) {
            assertThatThrownBy(() -> service.add(key, 1))
                    .isInstanceOf(CounterUnavailableException.class)
                    .hasMessageContaining("minority side")
                    .hasCause(refusal);
            assertThatThrownBy(() -> service.addAndGet(key, 1)).isInstanceOf(CounterUnavailableException.class);
            assertThatThrownBy(() -> service.get(key)).isInstanceOf(CounterUnavailableException.class);
            cache.failing(bucket -> false, null);
            assertThat(service.get(key)).isZero();
        }
        assertThat(database.rowCount()).isZero();
    }

    @ParameterizedTest(name = "entry processing: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("an unknown outcome is a CommitOutcomeUnknownException")
    void unknown(boolean processing) {
        FailingCache cache = cache(processing);
        CacheOutcomeUnknownException unknown = new CacheOutcomeUnknownException("member left", null);
        cache.failing(bucket -> true, unknown);
        try (CounterService service = service(cache)) {
            assertThatThrownBy(() -> service.add(key, 1))
                    .isInstanceOf(CommitOutcomeUnknownException.class)
                    .hasMessageContaining("member left")
                    .hasCause(unknown);
        }
    }

    @ParameterizedTest(name = "entry processing: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("an add refused for one of its buckets undoes the others: nothing is applied")
    void refusedInPart(boolean processing) {
        FailingCache cache = cache(processing);
        cache.failing(bucket -> bucket.period() == Period.DAY, new CacheUnavailableException("DAY refused", null));
        try (CounterService service = service(cache)) {
            assertThatThrownBy(() -> service.add(key, 5)).isInstanceOf(CounterUnavailableException.class);
            assertThatThrownBy(() -> service.addAndGet(key, 5)).isInstanceOf(CounterUnavailableException.class);
            cache.failing(bucket -> false, null);
            for (Period period : Period.values()) {
                assertThat(service.get(key, period, T0)).as(period.name()).isZero();
            }
            service.flush();
        }
        assertThat(database.queryLong("SELECT COALESCE(SUM(counter_value), 0) FROM livecount_counter"))
                .isZero();
    }

    @ParameterizedTest(name = "entry processing: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("an add refused in part whose undo is refused too has an unknown outcome")
    void refusedInPartNotUndone(boolean processing) {
        FailingCache cache = cache(processing);
        CacheUnavailableException refusal = new CacheUnavailableException("refused from the DAY bucket on", null);
        cache.failing(
                bucket -> {
                    if (bucket.period() == Period.DAY) {
                        cache.failing(any -> true, refusal); // the undo is refused as well
                        return true;
                    }
                    return false;
                },
                refusal);
        CounterService service = service(cache);
        try {
            assertThatThrownBy(() -> service.add(key, 5))
                    .isInstanceOf(CommitOutcomeUnknownException.class)
                    .hasMessageContaining("could not be undone");
        } finally {
            cache.failing(bucket -> false, null); // lets close() write back
            service.close();
        }
    }

    @ParameterizedTest(name = "entry processing: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("local-window sums that the cache refuses stay in the window and are written once it answers")
    void windowKeepsRefusedSums(boolean processing) {
        FailingCache cache = cache(processing);
        CounterKey other = CounterKey.of(FAST, "other");
        try (CounterService service = Livecount.create(baseConfig()
                .namespace(FAST, NamespaceSettings.allPeriods().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(() -> cache)
                        .maxDelay(Duration.ofHours(1))
                        .localWindow(Duration.ofMillis(500))
                        .build())
                .build())) {
            service.add(key, 3);
            service.add(other, 4);
            cache.failing(bucket -> bucket.key().equals(key), new CacheUnavailableException("refused", null));
            assertThatThrownBy(service::flush).isInstanceOf(CounterUnavailableException.class);
            cache.failing(bucket -> false, null);
            service.flush();
            assertThat(service.get(key)).isEqualTo(3);
            assertThat(service.get(other)).isEqualTo(4);
        }
        assertThat(database.queryLong("SELECT SUM(counter_value) FROM livecount_counter WHERE period_type = 'DAY'"))
                .isEqualTo(7);
    }

    @Test
    @DisplayName("close() stops the write-back thread and writes what it holds when the cache cannot count its entries")
    void closeWithoutCount() {
        MapCounterCache cache = new MapCounterCache();
        long threadsBefore = writeBackThreads();
        CounterService service = service(cache);
        service.add(key, 3);
        cache.dirtyCounter = () -> {
            throw new CacheUnavailableException("cannot count", null);
        };
        service.close();
        assertThat(writeBackThreads()).as("live write-back threads").isEqualTo(threadsBefore);
        assertThat(database.queryLong("SELECT SUM(counter_value) FROM livecount_counter WHERE period_type = 'ALL'"))
                .isEqualTo(3);
    }

    private static long writeBackThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("livecount-write-back") && thread.isAlive())
                .count();
    }

    private CounterService service(CounterCache cache) {
        return Livecount.create(baseConfig()
                .namespace(FAST, NamespaceSettings.allPeriods().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(() -> cache).build())
                .build());
    }

    private static FailingCache cache(boolean processing) {
        return processing ? new FailingProcessingCache() : new FailingCache();
    }

    /** A map whose operations on the keys {@link #failing} picks throw the failure it was given. */
    static class FailingCache implements CounterCache {
        final ConcurrentHashMap<BucketKey, CounterEntry> entries = new ConcurrentHashMap<>();
        private volatile Predicate<BucketKey> fails = bucket -> false;
        private volatile RuntimeException failure;

        void failing(Predicate<BucketKey> fails, RuntimeException failure) {
            this.failure = failure;
            this.fails = fails;
        }

        void check(BucketKey bucket) {
            if (fails.test(bucket)) {
                throw failure;
            }
        }

        @Override
        public CounterEntry get(BucketKey bucket) {
            check(bucket);
            return entries.get(bucket);
        }

        @Override
        public CounterEntry putIfAbsent(BucketKey bucket, CounterEntry entry) {
            check(bucket);
            return entries.putIfAbsent(bucket, entry);
        }

        @Override
        public boolean replace(BucketKey bucket, CounterEntry expected, CounterEntry replacement) {
            check(bucket);
            return entries.replace(bucket, expected, replacement);
        }

        @Override
        public boolean remove(BucketKey bucket, CounterEntry expected) {
            check(bucket);
            return entries.remove(bucket, expected);
        }

        @Override
        public Collection<BucketKey> dirtyKeys() {
            return List.copyOf(entries.keySet());
        }

        @Override
        public long dirtyCount() {
            return entries.size();
        }

        @Override
        public void close() {}
    }

    /** The same map, changed where the entry lives. */
    static final class FailingProcessingCache extends FailingCache implements EntryProcessingCache {
        @Override
        public CounterEntry apply(BucketKey bucket, EntryChange change) {
            check(bucket);
            return entries.compute(bucket, (k, entry) -> change.apply(entry));
        }
    }
}
