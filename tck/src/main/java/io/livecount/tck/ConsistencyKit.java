package io.livecount.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.CounterKey;
import io.livecount.CounterOverflowException;
import io.livecount.CounterService;
import io.livecount.Period;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The part of the compatibility kit about edge cases of correctness: a delta that cannot be written
 * because the stored value would overflow, a delete racing adds, a delta of zero, and top lists over
 * unwritten deltas. Extend it in the provider's module like {@link CounterCacheKit}.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("databases")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@DisplayName("A cache provider at the edges of correctness")
public abstract class ConsistencyKit extends KitBase {

    private static final long NEAR_MAX = Long.MAX_VALUE - 3;

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
