package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.testing.DatabaseTest;
import io.livecount.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("Adding in STRICT mode")
class AddingTest extends DatabaseTest {

    private final CounterKey clicks = CounterKey.of("clicks", "home");

    @Nested
    @DisplayName("add and addAndGet")
    class AddAndGet {

        @Test
        @DisplayName("a counter that was never added to reads 0")
        void absentIsZero() {
            assertThat(counters.get(clicks)).isZero();
            assertThat(counters.get(clicks, Period.DAY, T0)).isZero();
        }

        @Test
        @DisplayName("addAndGet returns the running all-time value, decrements included")
        void addAndGetReturnsRunningValue() {
            assertThat(counters.addAndGet(clicks, 5)).isEqualTo(5);
            assertThat(counters.addAndGet(clicks, 1)).isEqualTo(6);
            assertThat(counters.addAndGet(clicks, -10)).isEqualTo(-4);
            counters.increment(clicks);
            counters.add(clicks, 2);
            assertThat(counters.get(clicks)).isEqualTo(-1);
        }

        @Test
        @DisplayName("a delta of 0 creates no row, stays out of top(), and addAndGet returns the value")
        void zeroDeltaIsNoOp() {
            CounterKey zero = CounterKey.of(ALL_PERIODS, "zero");
            counters.add(zero, 0);
            assertThat(counters.addAndGet(zero, 0)).isZero();
            assertThat(storedRows("zero")).isZero();
            assertThat(counters.top(ALL_PERIODS, Period.DAY, T0, 10)).isEmpty();
            counters.add(zero, 4);
            long rows = storedRows("zero");
            assertThat(counters.addAndGet(zero, 0)).isEqualTo(4);
            assertThat(storedRows("zero")).isEqualTo(rows);
            assertThatThrownBy(() -> counters.add(zero, 0, AddOptions.at(java.time.Instant.MAX)))
                    .isInstanceOf(RuntimeException.class);
        }

        @Test
        @DisplayName("the default namespace is 'default'")
        void defaultNamespace() {
            counters.add(CounterKey.of("x"), 3);
            assertThat(counters.get(CounterKey.of("default", "x"))).isEqualTo(3);
            assertThat(counters.get(CounterKey.of("other", "x"))).isZero();
        }

        @Test
        @DisplayName("an add is committed when the call returns: another connection sees it")
        void committedBeforeReturn() {
            counters.add(clicks, 7);
            assertThat(
                            database.queryLong(
                                    "SELECT counter_value FROM livecount_counter WHERE period_type = 'ALL' AND bucket_start = 0"))
                    .isEqualTo(7);
        }

        @Test
        @DisplayName("a namespace with every period gets one row per period, and addAndGet the all-time value")
        void onePerPeriod() {
            CounterKey key = CounterKey.of(ALL_PERIODS, "k");
            counters.add(key, 2);
            assertThat(counters.addAndGet(key, 3)).isEqualTo(5);
            assertThat(storedRows("k")).isEqualTo(Period.values().length);
            for (Period period : Period.values()) {
                assertThat(counters.get(key, period, T0)).as(period.name()).isEqualTo(5);
            }
        }
    }

    @Nested
    @DisplayName("modes")
    class Modes {

        @Test
        @DisplayName("a per-call FAST add on a service without write-back is refused before anything is written")
        void fastRefused() {
            assertThatThrownBy(() -> counters.add(clicks, 1, AddOptions.in(ConsistencyMode.FAST)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("FAST");
            assertThat(database.rowCount()).isZero();
        }

        @Test
        @DisplayName("a per-call STRICT add works")
        void strictPerCall() {
            counters.add(clicks, 1, AddOptions.in(ConsistencyMode.STRICT));
            assertThat(counters.get(clicks)).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("event time")
    class EventTime {

        @Test
        @DisplayName("without an event time the clock is read at each call, not frozen at start-up")
        void clockReadPerCall() {
            CounterKey key = CounterKey.of(ALL_PERIODS, "late");
            counters.add(key, 1);
            clock.advance(Duration.ofHours(1));
            counters.add(key, 1);
            assertThat(counters.get(key, Period.HOUR, T0)).isEqualTo(1);
            assertThat(counters.get(key, Period.HOUR, T0.plus(Duration.ofHours(1))))
                    .isEqualTo(1);
            assertThat(counters.get(key, Period.DAY, T0)).isEqualTo(2);
        }

        @Test
        @DisplayName("an explicit event time picks the buckets")
        void explicitEventTime() {
            CounterKey key = CounterKey.of(ALL_PERIODS, "past");
            counters.add(key, 4, AddOptions.at(T0.minus(Duration.ofDays(400))));
            assertThat(counters.get(key, Period.YEAR, T0)).isZero();
            assertThat(counters.get(key, Period.YEAR, T0.minus(Duration.ofDays(400))))
                    .isEqualTo(4);
            assertThat(counters.get(key)).isEqualTo(4);
        }
    }

    @Nested
    @DisplayName("delete")
    class Delete {

        @Test
        @DisplayName("removes every bucket of one counter and nothing else")
        void deletesAllBuckets() {
            CounterKey gone = CounterKey.of(ALL_PERIODS, "gone");
            CounterKey kept = CounterKey.of(ALL_PERIODS, "kept");
            counters.add(gone, 1);
            counters.add(kept, 1);
            assertThat(counters.delete(gone)).isTrue();
            assertThat(counters.delete(gone)).isFalse();
            assertThat(storedRows("gone")).isZero();
            assertThat(counters.get(kept)).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a closed service refuses calls")
    void closed() {
        counters.close();
        assertThatThrownBy(() -> counters.add(clicks, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> counters.get(clicks)).isInstanceOf(IllegalStateException.class);
    }
}
