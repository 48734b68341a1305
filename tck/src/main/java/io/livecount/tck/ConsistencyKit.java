package io.livecount.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.CounterKey;
import io.livecount.CounterOverflowException;
import io.livecount.CounterService;
import io.livecount.Period;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The part of the compatibility kit about edge cases of correctness: a delta that cannot be written
 * because the stored value would overflow, a delta of zero, top lists and listings over unwritten
 * deltas (a delete racing adds: {@link DeleteKit}). Extend it in the provider's module like {@link CounterCacheKit}.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("databases")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@DisplayName("A cache provider at the edges of correctness")
public abstract class ConsistencyKit extends KitBase {

    @Nested
    @DisplayName("ranks top lists without writing first")
    class TopWithoutFlush {

        @Test
        @DisplayName("top() puts unwritten deltas into the database's ranking and writes nothing")
        void merges() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            try (CounterService other = strictService(database.dataSource())) {
                for (int i = 0; i < 5; i++) {
                    other.add(new CounterKey(FAST, "stored" + i), 10 + i); // 10 ... 14
                }
            }
            counters.add(new CounterKey(FAST, "stored0"), 10); // 20: from last to first
            counters.add(new CounterKey(FAST, "fresh"), 13); // only in the cache
            counters.add(new CounterKey(FAST, "stored4"), -5); // 9: out of the top 3
            long statements = counters.writeBackMetrics().flushStatements();

            assertThat(counters.top(FAST, Period.ALL, T0, 3))
                    .extracting(v -> v.key().name() + "=" + v.value())
                    .containsExactly("stored0=20", "fresh=13", "stored3=13");
            assertThat(counters.writeBackMetrics().flushStatements()).isEqualTo(statements);
            assertThat(counters.writeBackMetrics().pendingCounters()).isEqualTo(3);
            assertThat(inDatabase(new CounterKey(FAST, "stored0"))).isEqualTo(10);
        }

        @Test
        @DisplayName("a bad limit is refused before anything is written")
        void badLimit() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            counters.add(new CounterKey(FAST, "pending"), 1);
            assertThatThrownBy(() -> counters.top(FAST, Period.ALL, T0, -1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(counters.writeBackMetrics().pendingCounters()).isEqualTo(1);
            assertThat(database.rowCount()).isZero();
        }

        @Test
        @DisplayName("top() answers while a write-back waits on a row lock, without waiting for it")
        void whileWriteBackIsBlocked() throws Exception {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofMillis(20)));
            CounterKey locked = new CounterKey(FAST, "locked");
            try (CounterService other = strictService(database.dataSource())) {
                other.add(locked, 5);
            }
            try (Connection holder = database.dataSource().getConnection()) {
                holder.setAutoCommit(false);
                try (Statement lock = holder.createStatement()) {
                    lock.executeUpdate("UPDATE livecount_counter SET counter_value = counter_value"
                            + " WHERE counter_name = 'locked'"); // holds the row lock until rollback
                }
                counters.add(locked, 1); // its write-back now waits for the lock
                sleep(200);
                long start = System.nanoTime();
                assertThat(counters.top(FAST, Period.ALL, T0, 1))
                        .extracting(v -> v.key().name() + "=" + v.value())
                        .containsExactly("locked=6");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                holder.rollback();
            }
            counters.flush();
            assertThat(inDatabase(locked)).isEqualTo(6);
        }
    }

    @Nested
    @DisplayName("lists counters without writing first")
    class ListingWithoutFlush {

        private static List<String> names(List<CounterKey> keys) {
            return keys.stream().map(CounterKey::name).toList();
        }

        @ParameterizedTest(name = "local window: {0}")
        @ValueSource(booleans = {false, true})
        @DisplayName("counters only in this node's cache are listed in name order, paged, and nothing is written")
        void pendingListed(boolean window) {
            CounterService counters = service(
                    100,
                    b -> window
                            ? b.maxDelay(Duration.ofHours(1)).localWindow(Duration.ofMillis(5))
                            : b.maxDelay(Duration.ofHours(1)));
            try (CounterService other = strictService(database.dataSource())) {
                other.add(new CounterKey(FAST, "b stored"), 1);
                other.add(new CounterKey(FAST, "d stored"), 1);
                other.add(new CounterKey(FAST, "x_"), 1);
            }
            for (String name : List.of("a pending", "c pending", "d stored", "x\uD83D\uDE00", "x\uFF01", "x%", "x ")) {
                counters.add(new CounterKey(FAST, name), 1);
            }
            counters.add(new CounterKey(FAST_PERIODS, "only cached"), 1);
            long statements = counters.writeBackMetrics().flushStatements();
            List<String> all = List.of(
                    "a pending", "b stored", "c pending", "d stored", "x ", "x%", "x_", "x\uFF01", "x\uD83D\uDE00");

            assertThat(names(counters.counters(FAST, "", "", 100))).containsExactlyElementsOf(all);
            assertThat(names(counters.counters(FAST, "", "a pending", 2))).containsExactly("b stored", "c pending");
            assertThat(names(counters.counters(FAST, "x", "x%", 2))).containsExactly("x_", "x\uFF01");
            assertThat(names(counters.counters(FAST, "x\uD83D\uDE00", "", 2))).containsExactly("x\uD83D\uDE00");
            assertThat(names(counters.counters(FAST, "c", "", 1))).containsExactly("c pending");
            assertThat(counters.namespaces("", 10)).containsExactly(FAST, FAST_PERIODS);
            assertThat(counters.namespaces(FAST, 10)).containsExactly(FAST_PERIODS);
            assertThat(counters.writeBackMetrics().flushStatements()).isEqualTo(statements);
            assertThat(countersHolding(FAST_PERIODS, 1)).isZero();

            counters.flush(); // written back: the same listing from the database, no marker namespace
            assertThat(names(counters.counters(FAST, "", "", 100))).containsExactlyElementsOf(all);
            try (CounterService other = strictService(database.dataSource())) {
                assertThat(names(other.counters(FAST, "", "", 100))).containsExactlyElementsOf(all);
                assertThat(other.namespaces("", 10)).containsExactly(FAST, FAST_PERIODS);
            }
        }
    }

    @Nested
    @DisplayName("treats a delta of 0 as a no-op")
    class ZeroDelta {

        @Test
        @DisplayName("FAST adds of 0, with and without the local window, create no row; addAndGet returns the value")
        void noRow() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            CounterService windowed =
                    service(100, b -> b.maxDelay(Duration.ofHours(1)).localWindow(Duration.ofMillis(5)));
            CounterKey zero = new CounterKey(FAST_PERIODS, "zero");
            CounterKey some = new CounterKey(FAST_PERIODS, "some");
            counters.add(zero, 0);
            windowed.add(zero, 0);
            counters.add(some, 2);
            assertThat(counters.addAndGet(some, 0)).isEqualTo(2);
            assertThat(counters.addAndGet(zero, 0)).isZero();
            counters.flush();
            windowed.flush();
            assertThat(database.queryLong("SELECT COUNT(*) FROM livecount_counter WHERE counter_name = 'zero'"))
                    .isZero();
            assertThat(counters.top(FAST_PERIODS, Period.DAY, T0, 10)).hasSize(1);
        }
    }

    @Nested
    @DisplayName("never drops an acknowledged add whose write-back would overflow")
    class OverflowAtWriteBack {

        private final CounterKey key = new CounterKey(FAST_PERIODS, "near-max");

        /** The stored value is raised by another node, so this node cannot tell at the add. */
        private void storedByAnotherNode(long delta) {
            try (CounterService other = strictService(database.dataSource())) {
                other.add(key, delta);
            }
        }

        @Test
        @DisplayName(
                "reads never show a wrapped value; flush() fails naming the counter; every bucket that fits is written")
        void keptAndNamed() {
            storedByAnotherNode(NEAR_MAX);
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            counters.add(key, 2);
            counters.add(key, 2);

            assertThatThrownBy(() -> counters.get(key))
                    .isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("near-max");
            assertThat(counters.get(key, Period.HOUR, T0)).isEqualTo(4);
            assertThatThrownBy(counters::flush)
                    .isInstanceOf(CounterOverflowException.class)
                    .hasMessageContaining("near-max")
                    .hasMessageContaining("ALL");
            assertThat(counters.writeBackMetrics().unwritableBuckets()).isEqualTo(1);
            assertThat(counters.writeBackMetrics().pendingTotal()).isEqualTo(4);
            assertThat(inDatabase(key)).as("the ALL bucket is untouched").isEqualTo(NEAR_MAX);
            assertThat(sumOfPeriod(FAST_PERIODS, "HOUR"))
                    .as("the buckets that fit are written")
                    .isEqualTo(4);

            storedByAnotherNode(-10); // makes room: the kept deltas are written by the next pass, once
            counters.flush();
            assertThat(inDatabase(key)).isEqualTo(NEAR_MAX - 10 + 4);
            assertThat(sumOfPeriod(FAST_PERIODS, "HOUR")).isEqualTo(4);
            assertThat(counters.get(key)).isEqualTo(NEAR_MAX - 6);
            assertThat(counters.writeBackMetrics().unwritableBuckets()).isZero();
            assertThat(counters.writeBackMetrics().pendingTotal()).isZero();
        }

        @Test
        @DisplayName("close() fails naming the counter instead of dropping its deltas silently")
        void closeFails() {
            storedByAnotherNode(NEAR_MAX);
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            counters.add(key, 2);
            counters.add(key, 2);
            assertThatThrownBy(counters::close)
                    .isInstanceOf(CounterOverflowException.class)
                    .hasMessageContaining("near-max");
            assertThat(inDatabase(key)).isEqualTo(NEAR_MAX);
        }

        @Test
        @DisplayName("through the local window too")
        void throughLocalWindow() {
            storedByAnotherNode(NEAR_MAX);
            CounterService counters =
                    service(100, b -> b.maxDelay(Duration.ofHours(1)).localWindow(Duration.ofMillis(5)));
            assertThat(counters.get(key)).isEqualTo(NEAR_MAX); // cached: the window's sum overflows on its way in
            counters.add(key, 2);
            counters.add(key, 2);
            assertThatThrownBy(counters::flush)
                    .isInstanceOf(CounterOverflowException.class)
                    .hasMessageContaining("near-max");
            assertThat(counters.writeBackMetrics().unwritableBuckets()).isEqualTo(1);
            storedByAnotherNode(-10);
            counters.flush();
            assertThat(inDatabase(key)).isEqualTo(NEAR_MAX - 6);
        }

        @Test
        @DisplayName("an add the node can tell will overflow is refused at the call, nothing changed")
        void refusedWhenKnown() {
            storedByAnotherNode(NEAR_MAX);
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            assertThat(counters.get(key)).isEqualTo(NEAR_MAX); // now cached
            counters.add(key, 2);
            assertThatThrownBy(() -> counters.add(key, 2)).isInstanceOf(ArithmeticException.class);
            assertThat(counters.get(key)).isEqualTo(NEAR_MAX + 2);
            assertThat(counters.get(key, Period.HOUR, T0)).isEqualTo(2);
            counters.flush();
            assertThat(inDatabase(key)).isEqualTo(NEAR_MAX + 2);
        }
    }
}
