package io.livecount.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.livecount.AddOptions;
import io.livecount.BucketValue;
import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Period;
import io.livecount.WriteBackMetrics;
import io.livecount.micrometer.LivecountMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compatibility kit of cache providers: extend it in the provider's module, implement {@link
 * #cacheFactory(int)}, and every case runs on H2, MariaDB and PostgreSQL. The failure cases (outage,
 * lost reply, backlog, crash) are in {@link FailureKit}, which a provider extends the same way.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("databases")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@DisplayName("A cache provider in FAST mode")
public abstract class CounterCacheKit extends KitBase {

    /**
     * Adds per thread in the load cases: 100,000 (the FAST issue's figure). A provider whose every
     * add is a network operation (an add in a namespace with all seven periods is seven) may lower
     * it to keep the suite's time reasonable, and says so in its documentation.
     */
    protected int addsPerThread() {
        return 100_000;
    }

    @Nested
    @DisplayName("counts exactly under load")
    class UnderLoad {

        @Test
        @DisplayName("16 threads x 100,000 adds on one hot key: every period bucket exact")
        void hotKey() throws InterruptedException {
            countEverything(1, Duration.ZERO);
        }

        @Test
        @DisplayName("16 threads x 100,000 adds on 10,000 keys: every period bucket exact")
        void tenThousandKeys() throws InterruptedException {
            countEverything(10_000, Duration.ZERO);
        }

        @Test
        @DisplayName("16 threads x 100,000 adds on one hot key through the local window: exact")
        void hotKeyThroughLocalWindow() throws InterruptedException {
            countEverything(1, Duration.ofMillis(10));
        }

        private void countEverything(int keys, Duration window) throws InterruptedException {
            CounterService counters =
                    service(100_000, b -> b.maxDelay(Duration.ofMillis(50)).localWindow(window));
            AtomicBoolean running = new AtomicBoolean(true);
            Thread ticking = new Thread(
                    () -> { // adds spread over many SECOND and some MINUTE buckets
                        while (running.get()) {
                            clock.advance(Duration.ofSeconds(7));
                            sleep(20);
                        }
                    });
            ticking.start();
            try {
                Load.run(16, thread -> {
                    for (int i = 0; i < addsPerThread(); i++) {
                        counters.add(new CounterKey(FAST_PERIODS, "k" + (i + thread) % keys), 1);
                    }
                });
            } finally {
                running.set(false);
                ticking.join();
            }
            counters.flush();
            for (Period period : Period.values()) {
                assertThat(sumOfPeriod(FAST_PERIODS, period.name()))
                        .as(period.name())
                        .isEqualTo(16L * addsPerThread());
            }
            long perKey = 16L * addsPerThread() / keys;
            assertThat(countersHolding(FAST_PERIODS, perKey))
                    .as("counters holding exactly %d", perKey)
                    .isEqualTo(keys);
            assertThat(counters.writeBackMetrics().pendingCounters()).isZero();
        }

        @Test
        @DisplayName("writes 10,000 dirty counters with at most 1 statement per 1,000")
        void statementsPerDirtyCounter() {
            CounterService counters =
                    service(100_000, b -> b.maxDelay(Duration.ofHours(1)).maxDirtyCounters(20_000));
            addOneToEach(counters, "k", 10_000);
            long before = counters.writeBackMetrics().flushStatements();
            counters.flush();
            assertThat(counters.writeBackMetrics().flushStatements() - before).isLessThanOrEqualTo(10);
            assertThat(sumOfPeriod(FAST, "ALL")).isEqualTo(10_000);
        }
    }

    @Nested
    @DisplayName("writes back when a trigger fires")
    class Triggers {

        @Test
        @DisplayName("a bucket reaching the threshold is written early, whatever the deltas that got it there")
        void threshold() {
            CounterService counters =
                    service(100, b -> b.maxDelay(Duration.ofHours(1)).flushThreshold(5));
            CounterKey key = new CounterKey(FAST, "threshold");
            counters.add(key, 3);
            sleep(300);
            assertThat(inDatabase(key))
                    .as("below the threshold: waits for maxDelay")
                    .isZero();
            counters.add(key, 3); // 6 >= 5; a "count % 5 == 0" rule would never fire on these deltas
            await().atMost(Duration.ofSeconds(10)).until(() -> inDatabase(key) == 6);
        }

        @Test
        @DisplayName("maxDirtyCounters dirty buckets are written early")
        void dirtyCount() {
            CounterService counters =
                    service(100, b -> b.maxDelay(Duration.ofHours(1)).maxDirtyCounters(10));
            addOneToEach(counters, "d", 9);
            sleep(300);
            assertThat(sumOfPeriod(FAST, "ALL")).isZero();
            counters.add(new CounterKey(FAST, "d9"), 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> sumOfPeriod(FAST, "ALL") == 10);
        }

        @Test
        @DisplayName("maxDelay bounds how long a delta waits")
        void maxDelay() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofMillis(200)));
            CounterKey key = new CounterKey(FAST, "delay");
            long start = System.nanoTime();
            counters.add(key, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> inDatabase(key) == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Nested
    @DisplayName("reads its own writes")
    class ReadsOwnWrites {

        @Test
        @DisplayName("a read sees adds that are not yet in the database")
        void readBeforeWriteBack() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            CounterKey key = new CounterKey(FAST, "unwritten");
            counters.add(key, 5);
            counters.add(key, 10);
            assertThat(counters.get(key)).isEqualTo(15);
            assertThat(inDatabase(key)).isZero();
            counters.flush();
            assertThat(inDatabase(key)).isEqualTo(15);
            assertThat(counters.get(key)).isEqualTo(15);
        }

        @Test
        @DisplayName("addAndGet returns the value right after each add, on top of the stored one")
        void addAndGet() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofMillis(20)));
            CounterKey key = new CounterKey(FAST, "position");
            counters.add(key, 1000, AddOptions.in(ConsistencyMode.STRICT));
            for (int i = 1; i <= 200; i++) {
                assertThat(counters.addAndGet(key, 1)).isEqualTo(1000 + i);
            }
            counters.flush();
            assertThat(inDatabase(key)).isEqualTo(1200);
        }

        @Test
        @DisplayName("STRICT and FAST adds on one counter sum up")
        void strictAndFast() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            CounterKey key = new CounterKey(FAST, "mixed");
            counters.add(key, 10);
            counters.add(key, 5, AddOptions.in(ConsistencyMode.STRICT));
            assertThat(inDatabase(key)).isEqualTo(5);
            assertThat(counters.get(key)).isEqualTo(15);
            counters.add(new CounterKey(STRICT, "mixed"), 3, AddOptions.in(ConsistencyMode.FAST));
            counters.flush();
            assertThat(inDatabase(key)).isEqualTo(15);
            assertThat(inDatabase(new CounterKey(STRICT, "mixed"))).isEqualTo(3);
        }

        @Test
        @DisplayName("a series includes deltas that are not yet written")
        void series() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            CounterKey key = new CounterKey(FAST_PERIODS, "series");
            counters.add(key, 1, AddOptions.at(T0));
            counters.add(key, 2, AddOptions.at(T0.plusSeconds(1)));
            List<Long> values = counters.series(key, Period.SECOND, T0, T0.plusSeconds(2)).stream()
                    .map(BucketValue::value)
                    .toList();
            assertThat(values).containsExactly(1L, 2L, 0L);
            counters.flush();
            counters.add(key, 4, AddOptions.at(T0.plusSeconds(1)));
            assertThat(counters.series(key, Period.SECOND, T0, T0.plusSeconds(2)).stream()
                            .map(BucketValue::value))
                    .containsExactly(1L, 6L, 0L);
        }

        @Test
        @DisplayName("top() ranks this node's unwritten deltas too, and delete() removes them")
        void topAndDelete() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            counters.add(new CounterKey(FAST, "a"), 1);
            counters.add(new CounterKey(FAST, "b"), 3);
            assertThat(counters.top(FAST, Period.ALL, T0, 1).get(0).key().name())
                    .isEqualTo("b");
            counters.add(new CounterKey(FAST, "b"), 3);
            assertThat(counters.delete(new CounterKey(FAST, "b"))).isTrue();
            assertThat(counters.get(new CounterKey(FAST, "b"))).isZero();
            assertThat(inDatabase(new CounterKey(FAST, "b"))).isZero();
            assertThat(counters.get(new CounterKey(FAST, "a"))).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("refuses bad input before it reaches the cache")
    class BadInput {

        @Test
        @DisplayName("keys are byte-exact in the cache and in the database: case, trailing spaces, 4-byte characters")
        void byteExactKeys() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            List<String> names = List.of("key", "Key", "key ", "k\u00e9y", "ke\u0301y", "\uD83D\uDE00", "\uD83D\uDE01");
            for (int i = 0; i < names.size(); i++) {
                counters.add(new CounterKey(FAST, names.get(i)), i + 1);
            }
            for (int i = 0; i < names.size(); i++) {
                assertThat(counters.get(new CounterKey(FAST, names.get(i))))
                        .as(names.get(i))
                        .isEqualTo(i + 1);
            }
            counters.flush();
            for (int i = 0; i < names.size(); i++) {
                assertThat(inDatabase(new CounterKey(FAST, names.get(i))))
                        .as(names.get(i))
                        .isEqualTo(i + 1);
            }
        }

        @Test
        @DisplayName("an add that would overflow throws ArithmeticException and changes nothing")
        void overflow() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            CounterKey key = new CounterKey(FAST_PERIODS, "huge");
            counters.add(key, Long.MAX_VALUE - 5, AddOptions.in(ConsistencyMode.STRICT));
            assertThat(counters.get(key)).isEqualTo(Long.MAX_VALUE - 5);
            assertThatThrownBy(() -> counters.add(key, 10)).isInstanceOf(ArithmeticException.class);
            assertThat(counters.writeBackMetrics().pendingCounters()).isZero();
            CounterKey other = new CounterKey(FAST, "pending-huge");
            counters.add(other, Long.MAX_VALUE);
            assertThatThrownBy(() -> counters.add(other, 1)).isInstanceOf(ArithmeticException.class);
            counters.flush();
            assertThat(inDatabase(key)).isEqualTo(Long.MAX_VALUE - 5);
            assertThat(inDatabase(other)).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        @DisplayName("null keys, null options and impossible event times are refused, nothing cached")
        void refused() {
            CounterService counters =
                    service(100, b -> b.maxDelay(Duration.ofHours(1)).localWindow(Duration.ofMillis(5)));
            CounterKey key = new CounterKey(FAST_PERIODS, "ok");
            assertThatThrownBy(() -> counters.add(null, 1))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("key");
            assertThatThrownBy(() -> counters.add(key, 1, null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("options");
            for (Instant impossible : List.of(Instant.MAX, Instant.MIN)) {
                assertThatThrownBy(() -> counters.add(key, 1, AddOptions.at(impossible)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("outside the supported range");
            }
            assertThatThrownBy(() -> new CounterKey(FAST, "bad\u0000name"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CounterKey(FAST, " ")).isInstanceOf(IllegalArgumentException.class);
            counters.flush();
            WriteBackMetrics metrics = counters.writeBackMetrics();
            assertThat(metrics.pendingCounters()).isZero();
            assertThat(metrics.pendingTotal()).isZero();
            assertThat(database.rowCount()).as("no marker without a write-back").isZero();
        }
    }

    @Nested
    @DisplayName("reports its write-back")
    class Metrics {

        @Test
        @DisplayName("pending counters and total before, the last success after a write-back")
        void metrics() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            counters.add(new CounterKey(FAST, "m1"), 4);
            counters.add(new CounterKey(FAST, "m2"), 6);
            WriteBackMetrics before = counters.writeBackMetrics();
            assertThat(before.pendingCounters()).isEqualTo(2);
            assertThat(before.pendingTotal()).isEqualTo(10);
            assertThat(before.lastSuccessfulFlush()).isNull();
            counters.flush();
            WriteBackMetrics after = counters.writeBackMetrics();
            assertThat(after.pendingCounters()).isZero();
            assertThat(after.pendingTotal()).isZero();
            assertThat(after.oldestPendingAge()).isZero();
            assertThat(after.lastSuccessfulFlush()).isNotNull();
            assertThat(after.flushedRows()).isEqualTo(2);
            assertThat(after.consecutiveFailures()).isZero();
        }

        @Test
        @DisplayName("the pending total counts each add once, however many period buckets it updates")
        void pendingTotalWithPeriods() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            counters.add(new CounterKey(FAST_PERIODS, "m"), 5); // 8 buckets, SECOND to ALL
            assertThat(counters.writeBackMetrics().pendingTotal()).isEqualTo(5);
            counters.flush();
            WriteBackMetrics after = counters.writeBackMetrics();
            assertThat(after.pendingTotal()).isZero();
            assertThat(after.oldestPendingAge()).isZero();
        }

        @Test
        @DisplayName("Micrometer reads the same figures")
        void micrometer() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new LivecountMetrics(counters, "kit").bindTo(registry);
            counters.add(new CounterKey(FAST, "m1"), 4);
            assertThat(registry.get("livecount.writeback.pending.counters")
                            .gauge()
                            .value())
                    .isEqualTo(1);
            assertThat(registry.get("livecount.writeback.pending.total").gauge().value())
                    .isEqualTo(4);
            counters.flush();
            assertThat(registry.get("livecount.writeback.pending.counters")
                            .gauge()
                            .value())
                    .isZero();
            assertThat(registry.get("livecount.writeback.rows")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("livecount.writeback.since.success")
                            .timeGauge()
                            .value(TimeUnit.SECONDS))
                    .isBetween(0.0, 60.0);
        }
    }
}
