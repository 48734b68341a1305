package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.testing.DatabaseTest;
import io.livecount.testing.TestDatabase;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("Bad input gets a clear error and nothing is written")
class BadInputTest extends DatabaseTest {

    /** Rows that a test stored on purpose before the bad call; the table must hold exactly these. */
    private long expectedRows;

    @AfterEach
    void tableUnchanged() {
        assertThat(database.rowCount())
                .as("rows in the table after the bad call")
                .isEqualTo(expectedRows);
    }

    @Nested
    @DisplayName("keys")
    class Keys {

        @Test
        @DisplayName("null namespace or name")
        void nulls() {
            assertThatThrownBy(() -> CounterKey.of(null, "x")).hasMessage("namespace must not be null");
            assertThatThrownBy(() -> CounterKey.of(null)).hasMessage("name must not be null");
            assertThatThrownBy(() -> counters.add(null, 1)).isInstanceOf(NullPointerException.class);
        }

        @ParameterizedTest(name = "blank name [{0}]")
        @ValueSource(strings = {"", " ", "   ", "\u2003"})
        void blank(String name) {
            assertThatThrownBy(() -> counters.add(CounterKey.of("ns", name), 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("name must not be blank");
        }

        @ParameterizedTest(name = "control character U+{0}")
        @ValueSource(ints = {0x00, 0x09, 0x0A, 0x1B, 0x7F, 0x85})
        void controlCharacters(int codePoint) {
            String name = "a" + (char) codePoint + "b";
            assertThatThrownBy(() -> CounterKey.of("ns", name))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("control character U+%04X at index 1".formatted(codePoint))
                    .hasMessageContaining("'a\\u%04Xb'".formatted(codePoint));
            assertThatThrownBy(() -> CounterKey.of(name, "x")).hasMessageStartingWith("namespace must not contain");
        }

        @Test
        @DisplayName("an unpaired surrogate, which UTF-8 cannot store")
        void unpairedSurrogate() {
            assertThatThrownBy(() -> CounterKey.of("ns", "x\uD83D"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unpaired surrogate at index 1");
        }

        @Test
        @DisplayName("a name or namespace one byte too long, counted in UTF-8")
        void tooLong() {
            String name = "\uD83D\uDE00".repeat(CounterKey.MAX_NAME_BYTES / 4) + "x";
            assertThatThrownBy(() -> CounterKey.of("ns", name))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is 1025 bytes in UTF-8, at most 1024 allowed");
            String namespace = "n".repeat(CounterKey.MAX_NAMESPACE_BYTES + 1);
            assertThatThrownBy(() -> CounterKey.of(namespace, "x"))
                    .hasMessageContaining("namespace is 65 bytes in UTF-8, at most 64 allowed");
        }
    }

    @Nested
    @DisplayName("values")
    class Values {

        private final CounterKey key = CounterKey.of(ALL_PERIODS, "big");

        @Test
        @DisplayName("an add that overflows the stored value throws ArithmeticException and changes no bucket")
        void overflowUp() {
            counters.add(key, Long.MAX_VALUE - 1);
            expectedRows = Period.values().length;
            assertThatThrownBy(() -> counters.add(key, 2)).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> counters.addAndGet(key, Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
            for (Period period : Period.values()) {
                assertThat(counters.get(key, period, T0)).as(period.name()).isEqualTo(Long.MAX_VALUE - 1);
            }
            assertThat(counters.addAndGet(key, 1)).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        @DisplayName("an overflow of a counter with only the all-time bucket is refused too")
        void overflowSingleBucket() {
            CounterKey single = CounterKey.of("plain", "big");
            counters.add(single, Long.MAX_VALUE);
            expectedRows = 1;
            assertThatThrownBy(() -> counters.add(single, 1)).isInstanceOf(ArithmeticException.class);
            assertThat(counters.get(single)).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        @DisplayName("a decrement below Long.MIN_VALUE throws ArithmeticException")
        void overflowDown() {
            counters.add(key, Long.MIN_VALUE);
            expectedRows = Period.values().length;
            assertThatThrownBy(() -> counters.add(key, -1)).isInstanceOf(ArithmeticException.class);
            assertThat(counters.get(key)).isEqualTo(Long.MIN_VALUE);
        }
    }

    @Nested
    @DisplayName("null arguments: NullPointerException naming the parameter")
    class Nulls {

        private final CounterKey key = CounterKey.of("ns", "x");
        private final List<CounterKey> keys = List.of(key);

        @Test
        @DisplayName("of adds and deletes")
        void writes() {
            nullNamed("key", () -> counters.add(null, 1));
            nullNamed("key", () -> counters.add(null, 1, AddOptions.defaults()));
            nullNamed("options", () -> counters.add(key, 1, null));
            nullNamed("key", () -> counters.increment(null));
            nullNamed("key", () -> counters.addAndGet(null, 1));
            nullNamed("key", () -> counters.addAndGet(null, 1, AddOptions.defaults()));
            nullNamed("options", () -> counters.addAndGet(key, 1, null));
            nullNamed("key", () -> counters.delete(null));
            nullNamed("eventTime", () -> AddOptions.at(null));
            nullNamed("eventTime", () -> AddOptions.defaults().eventTime(null));
            nullNamed("mode", () -> AddOptions.in(null));
            nullNamed("mode", () -> AddOptions.defaults().mode(null));
            nullNamed("transaction", () -> counters.joining(null));
        }

        @Test
        @DisplayName("of reads")
        void reads() {
            nullNamed("key", () -> counters.get(null));
            nullNamed("key", () -> counters.get((CounterKey) null, Period.DAY, T0));
            nullNamed("period", () -> counters.get(key, null, T0));
            nullNamed("at", () -> counters.get(key, Period.DAY, null));
            nullNamed("keys", () -> counters.get((List<CounterKey>) null, Period.DAY, T0));
            nullNamed("keys must not contain null", () -> counters.get(Arrays.asList(key, null), Period.DAY, T0));
            nullNamed("period", () -> counters.get(keys, null, T0));
            nullNamed("at", () -> counters.get(keys, Period.DAY, null));
            nullNamed("key", () -> counters.series(null, Period.DAY, T0, T0));
            nullNamed("period", () -> counters.series(key, null, T0, T0));
            nullNamed("from", () -> counters.series(key, Period.DAY, null, T0));
            nullNamed("to", () -> counters.series(key, Period.DAY, T0, null));
            nullNamed("namespace", () -> counters.top(null, Period.DAY, T0, 1));
            nullNamed("period", () -> counters.top("ns", null, T0, 1));
            nullNamed("at", () -> counters.top("ns", Period.DAY, null, 1));
        }

        private static void nullNamed(String message, ThrowingCallable call) {
            assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(message);
        }
    }

    @Nested
    @DisplayName("reads")
    class Reads {

        private final CounterKey key = CounterKey.of("ns", "x");

        @Test
        @DisplayName("a series whose end is before its start")
        void seriesBackwards() {
            Instant later = T0.plusSeconds(1);
            assertThatThrownBy(() -> counters.series(key, Period.HOUR, later, T0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("series end " + T0 + " is before its start " + later);
        }

        @Test
        @DisplayName("a series too long to return")
        void seriesTooLong() {
            assertThatThrownBy(() -> counters.series(key, Period.SECOND, T0, T0.plusSeconds(200_000)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("spans more than 100000 SECOND buckets");
        }

        @Test
        @DisplayName("a top limit out of range")
        void topLimit() {
            assertThatThrownBy(() -> counters.top("ns", Period.DAY, T0, 0))
                    .hasMessage("limit must be between 1 and 10000, was 0");
        }

        @Test
        @DisplayName("a missing period or instant")
        void nulls() {
            assertThatThrownBy(() -> counters.get(key, null, T0)).hasMessage("period");
            assertThatThrownBy(() -> counters.get(key, Period.DAY, null)).hasMessage("at");
            assertThatThrownBy(() -> counters.get(Arrays.asList(key, null), Period.DAY, T0))
                    .hasMessage("keys must not contain null");
            assertThatThrownBy(() -> counters.add(key, 1, null)).hasMessage("options");
            assertThat(counters.get(List.of(), Period.DAY, T0)).isEmpty();
        }
    }
}
