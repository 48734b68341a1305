package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.internal.DefaultCounterService;
import io.livecount.testing.CallerTx;
import io.livecount.testing.DatabaseTest;
import io.livecount.testing.JdbcTransaction;
import io.livecount.testing.MapCounterCache;
import io.livecount.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("Idempotency keys and batch adds")
class IdempotencyTest extends DatabaseTest {

    private static final String STRICT = "strict";
    private static final String FAST = "fast";
    private static final String SHORT_WINDOW = "short-window";

    @Override
    protected LivecountConfig.Builder configure(LivecountConfig.Builder builder) {
        return builder.namespace(STRICT, NamespaceSettings.allPeriods().withMode(ConsistencyMode.STRICT))
                .namespace(FAST, NamespaceSettings.allPeriods().withMode(ConsistencyMode.FAST))
                .namespace(
                        SHORT_WINDOW,
                        NamespaceSettings.of(Period.HOUR)
                                .withMode(ConsistencyMode.STRICT)
                                .withIdempotencyWindow(Duration.ofHours(1)))
                .writeBack(WriteBackConfig.builder(MapCounterCache::new)
                        .maxDelay(Duration.ofHours(1)) // written only by flush(), unless a test says otherwise
                        .build());
    }

    private long stored(CounterKey key) {
        return database.queryLong("SELECT COALESCE(SUM(counter_value), 0) FROM livecount_counter WHERE ns = '"
                + key.namespace() + "' AND counter_name = '" + key.name() + "' AND period_type = 'ALL'");
    }

    private long recordedKeys(String namespace) {
        return database.queryLong(
                "SELECT COUNT(*) FROM livecount_counter WHERE ns = '" + namespace + "' AND period_type = 'IDEM'");
    }

    @Nested
    @DisplayName("in STRICT mode")
    class Strict {

        private final CounterKey key = CounterKey.of(STRICT, "clicks");

        @Test
        @DisplayName("an add whose key was applied changes nothing, and addAndGet returns the current value")
        void secondAddChangesNothing() {
            counters.add(key, 5, AddOptions.once("msg-1"));
            counters.add(key, 5, AddOptions.once("msg-1"));
            assertThat(counters.addAndGet(key, 7, AddOptions.once("msg-1"))).isEqualTo(5);
            assertThat(counters.addAndGet(key, 7, AddOptions.once("msg-2"))).isEqualTo(12);
            assertThat(stored(key)).isEqualTo(12);
            assertThat(counters.get(key, Period.HOUR, T0)).isEqualTo(12);
        }

        @Test
        @DisplayName("the same key in another namespace is another key")
        void keysBelongToTheirNamespace() {
            CounterKey other = CounterKey.of(ALL_PERIODS, "clicks");
            counters.add(key, 1, AddOptions.once("msg-1"));
            counters.add(other, 1, AddOptions.once("msg-1"));
            assertThat(stored(key)).isEqualTo(1);
            assertThat(stored(other)).isEqualTo(1);
        }

        @Test
        @DisplayName("8 threads each adding the same 300 keys in their own order, and plain adds between them:"
                + " each key once, every plain add")
        void concurrentDuplicatesCountOnce() throws Exception {
            CounterKey plain = CounterKey.of(STRICT, "plain");
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    List<Integer> order =
                            new ArrayList<>(IntStream.range(0, 300).boxed().toList());
                    Collections.shuffle(order);
                    // a group commit mixes keys applied before, new keys and plain adds
                    done.add(threads.submit(() -> order.forEach(i -> {
                        counters.add(key, 1, AddOptions.once("m" + i));
                        counters.add(plain, 1);
                    })));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(stored(key)).isEqualTo(300);
            assertThat(stored(plain)).isEqualTo(8 * 300);
            assertThat(recordedKeys(STRICT)).isEqualTo(300);
        }

        @Test
        @DisplayName("an add that would overflow fails and leaves its key unapplied")
        void overflowLeavesTheKey() {
            counters.add(key, Long.MAX_VALUE - 1, AddOptions.once("msg-big"));
            assertThatThrownBy(() -> counters.add(key, 5, AddOptions.once("msg-o")))
                    .isInstanceOf(ArithmeticException.class); // the contract of CounterOperations
            counters.add(key, 5, AddOptions.once("msg-big")); // applied before: nothing to overflow
            counters.add(key, -1, AddOptions.once("msg-o"));
            assertThat(stored(key)).isEqualTo(Long.MAX_VALUE - 2);
            assertThat(recordedKeys(STRICT)).isEqualTo(2);
        }

        @Test
        @DisplayName("a caller transaction that rolls back forgets the key with the delta")
        void rollbackForgetsTheKey() {
            try (CallerTx.Source source = JdbcTransaction.on(database.dataSource());
                    CallerTx tx = source.begin()) {
                counters.joining(tx.joined()).add(key, 1, AddOptions.once("msg-r"));
                tx.rollback();
            }
            assertThat(recordedKeys(STRICT)).isZero();
            counters.add(key, 1, AddOptions.once("msg-r"));
            assertThat(stored(key)).isEqualTo(1);
        }

        @Test
        @DisplayName("inside a caller transaction, a key applied before changes nothing")
        void joinedDuplicate() {
            counters.add(key, 1, AddOptions.once("msg-j"));
            try (CallerTx.Source source = JdbcTransaction.on(database.dataSource());
                    CallerTx tx = source.begin()) {
                assertThat(counters.joining(tx.joined()).addAndGet(key, 1, AddOptions.once("msg-j")))
                        .isEqualTo(1);
                tx.commit();
            }
            assertThat(stored(key)).isEqualTo(1);
        }

        @Test
        @DisplayName("a bad key is refused before anything is written")
        void badKeys() {
            assertThatThrownBy(() -> AddOptions.once(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> AddOptions.once("a\u0001b"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("idempotencyKey");
            assertThatThrownBy(() -> AddOptions.once("x".repeat(256)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("255");
            assertThatThrownBy(() -> AddOptions.once(null)).isInstanceOf(NullPointerException.class);
            assertThat(AddOptions.once("x".repeat(255)).idempotencyKey()).hasSize(255);
            assertThat(database.rowCount()).isZero();
        }
    }

    @Nested
    @DisplayName("addAll")
    class AddAll {

        @Test
        @DisplayName("3,000 items with keys repeated in the batch and applied before: each key once")
        void largeBatchWithDuplicates() {
            counters.add(CounterKey.of(STRICT, "k7"), 1, AddOptions.once("id-7"));
            List<CounterAdd> batch = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                batch.add(CounterAdd.once(CounterKey.of(STRICT, "k" + (i % 1_000)), 1, "id-" + (i % 1_500)));
            }
            counters.addAll(batch);
            long total = 0;
            for (int k = 0; k < 1_000; k++) {
                total += stored(CounterKey.of(STRICT, "k" + k));
            }
            assertThat(total)
                    .as("1,500 distinct keys, id-7 applied before the batch")
                    .isEqualTo(1_500);
            assertThat(stored(CounterKey.of(STRICT, "k7"))).isEqualTo(1 + 1); // id-7 before, id-1007 in the batch
        }

        @Test
        @DisplayName("a small batch (one statement) with keys repeated in it and applied before: each key once")
        void smallBatchWithDuplicates() {
            CounterKey one = CounterKey.of(STRICT, "s1");
            CounterKey two = CounterKey.of(STRICT, "s2");
            CounterKey plain = CounterKey.of(STRICT, "s3");
            counters.addAll(List.of(CounterAdd.once(two, 1, "s-2"), CounterAdd.once(two, 1, "s-2")));
            assertThat(stored(two)).as("repeated in the batch").isEqualTo(1);
            counters.add(one, 1, AddOptions.once("s-1"));
            counters.addAll(
                    List.of(CounterAdd.once(one, 1, "s-1"), CounterAdd.once(two, 1, "s-2b"), CounterAdd.of(plain, 1)));
            assertThat(stored(one)).as("applied before the batch").isEqualTo(1);
            assertThat(stored(two)).isEqualTo(2);
            assertThat(stored(plain)).isEqualTo(1);
            assertThat(recordedKeys(STRICT)).isEqualTo(3);
        }

        @Test
        @DisplayName("STRICT items commit all or none: an item that would overflow applies nothing")
        void allOrNone() {
            CounterKey full = CounterKey.of(STRICT, "full");
            counters.add(full, Long.MAX_VALUE - 1);
            List<CounterAdd> batch = List.of(
                    CounterAdd.once(CounterKey.of(STRICT, "a"), 1, "x-a"),
                    CounterAdd.of(CounterKey.of(STRICT, "b"), 1),
                    CounterAdd.of(full, 5));
            assertThatThrownBy(() -> counters.addAll(batch)).isInstanceOf(ArithmeticException.class);
            assertThat(stored(CounterKey.of(STRICT, "a"))).isZero();
            assertThat(stored(CounterKey.of(STRICT, "b"))).isZero();
            assertThat(recordedKeys(STRICT))
                    .as("the key rolled back with its delta")
                    .isZero();
        }

        @Test
        @DisplayName("bad input anywhere in the batch applies nothing")
        void badInput() {
            List<CounterAdd> withNull = new ArrayList<>();
            withNull.add(CounterAdd.of(CounterKey.of(STRICT, "a"), 1));
            withNull.add(null);
            assertThatThrownBy(() -> counters.addAll(withNull)).isInstanceOf(NullPointerException.class);
            List<CounterAdd> batch = List.of(CounterAdd.of(CounterKey.of(STRICT, "a"), 1));
            assertThatThrownBy(() -> counters.addAll(batch, AddOptions.at(CounterOperations.LATEST.plusSeconds(1))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> counters.addAll(batch, AddOptions.once("k")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CounterAdd.once");
            assertThatThrownBy(() -> CounterAdd.once(CounterKey.of(STRICT, "a"), 1, ""))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(database.rowCount()).isZero();
        }

        @Test
        @DisplayName("FAST items land in the cache, each once per key")
        void fastItems() {
            CounterKey key = CounterKey.of(FAST, "f");
            counters.addAll(List.of(CounterAdd.once(key, 1, "a"), CounterAdd.once(key, 1, "a"), CounterAdd.of(key, 1)));
            assertThat(counters.get(key)).isEqualTo(2);
            assertThat(stored(key)).isZero();
            counters.flush();
            assertThat(stored(key)).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("in FAST mode")
    class Fast {

        private final CounterKey key = CounterKey.of(FAST, "clicks");

        @Test
        @DisplayName("a duplicate while the first waits is recognised at once; reads include the waiting add")
        void duplicateWhilePending() {
            counters.add(key, 3, AddOptions.once("m1"));
            counters.add(key, 3, AddOptions.once("m1"));
            assertThat(counters.addAndGet(key, 3, AddOptions.once("m1"))).isEqualTo(3);
            assertThat(counters.get(key, Period.MINUTE, T0)).isEqualTo(3);
            assertThat(counters.top(FAST, Period.ALL, T0, 10)).containsExactly(new CounterValue(key, 3));
            assertThat(counters.counters(FAST, "", "", 10)).containsExactly(key);
            assertThat(stored(key)).isZero();
            counters.flush();
            assertThat(stored(key)).isEqualTo(3);
            assertThat(recordedKeys(FAST)).isEqualTo(1);
            assertThat(counters.get(key)).isEqualTo(3);
        }

        @Test
        @DisplayName("a key written back before (another node, a restart) is dropped by the write-back")
        void duplicateOfAWrittenAdd() {
            counters.add(key, 1, AddOptions.once("m1"));
            counters.flush();
            try (CounterService restarted =
                    Livecount.create(configure(baseConfig()).build())) {
                restarted.add(key, 1, AddOptions.once("m1"));
                restarted.add(key, 1, AddOptions.once("m2"));
                restarted.flush();
                assertThat(restarted.get(key)).isEqualTo(2);
            }
            assertThat(stored(key)).isEqualTo(2);
        }

        @Test
        @DisplayName("keys mixed with plain adds, on many counters: each key once, every plain add")
        void mixed() throws Exception {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < 2_000; i++) {
                            CounterKey counter = CounterKey.of(FAST, "c" + (i % 50));
                            counters.add(counter, 1, AddOptions.once("m" + i));
                            counters.add(counter, 1);
                        }
                    }));
                }
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        counters.flush(); // write-backs while the adds run
                    }
                }));
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            counters.flush();
            long total = 0;
            for (int c = 0; c < 50; c++) {
                total += stored(CounterKey.of(FAST, "c" + c));
            }
            assertThat(total).isEqualTo(2_000 + 4 * 2_000);
        }

        @Test
        @DisplayName("whenWritten() completes after the next write-back has committed what was acknowledged")
        void barrier() throws Exception {
            counters.add(key, 1, AddOptions.once("m1"));
            counters.add(key, 1);
            CompletableFuture<Void> written = counters.whenWritten().toCompletableFuture();
            Thread.sleep(100);
            assertThat(written).as("no pass has run: maxDelay is an hour").isNotDone();
            counters.flush();
            assertThat(written).isCompleted();
            assertThat(stored(key)).isEqualTo(2);

            WriteBackConfig quick = WriteBackConfig.builder(MapCounterCache::new)
                    .maxDelay(Duration.ofMillis(50))
                    .build();
            try (CounterService timely =
                    Livecount.create(configure(baseConfig()).writeBack(quick).build())) {
                timely.add(key, 1, AddOptions.once("m2"));
                timely.add(key, 1);
                timely.whenWritten().toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(stored(key))
                        .as("written by the background pass, no flush")
                        .isEqualTo(4);
            }
        }

        @Test
        @DisplayName("a delete takes the waiting adds with it, and their keys stay applied")
        void deleteTakesHeldAdds() {
            counters.add(key, 1, AddOptions.once("m1"));
            assertThat(counters.delete(key)).isTrue();
            counters.add(key, 1, AddOptions.once("m1"));
            counters.flush();
            assertThat(counters.get(key)).isZero();
            assertThat(stored(key)).isZero();
        }
    }

    @Nested
    @DisplayName("the idempotency window")
    class Window {

        @Test
        @DisplayName("keys older than the window are forgotten by pruning; younger ones are kept")
        void expiry() {
            CounterKey key = CounterKey.of(SHORT_WINDOW, "w");
            counters.add(key, 1, AddOptions.once("old"));
            clock.advance(Duration.ofMinutes(61));
            counters.add(key, 1, AddOptions.once("young"));
            counters.add(CounterKey.of(STRICT, "w"), 1, AddOptions.once("old")); // default window: 24 h
            assertThat(((DefaultCounterService) counters).pruneNow(1)).isEqualTo(1);
            assertThat(recordedKeys(SHORT_WINDOW)).isEqualTo(1);
            assertThat(recordedKeys(STRICT)).isEqualTo(1);
            counters.add(key, 1, AddOptions.once("old")); // forgotten: counts again
            counters.add(key, 1, AddOptions.once("young"));
            assertThat(stored(key)).isEqualTo(3);
        }

        @Test
        @DisplayName("a window out of range is refused")
        void badWindow() {
            assertThatThrownBy(() -> NamespaceSettings.allPeriods().withIdempotencyWindow(Duration.ofSeconds(59)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("idempotency window");
            assertThat(NamespaceSettings.allPeriods().idempotencyWindow())
                    .isEqualTo(NamespaceSettings.DEFAULT_IDEMPOTENCY_WINDOW);
        }
    }
}
