package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.testing.CallerTx;
import io.livecount.testing.DatabaseTest;
import io.livecount.testing.JdbcTransaction;
import io.livecount.testing.MapCounterCache;
import io.livecount.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instants outside {@link CounterOperations#EARLIEST} … {@link CounterOperations#LATEST} are
 * refused with an {@link IllegalArgumentException} naming the value and the range, on every path,
 * and nothing is written; the edges themselves work in the zones furthest from UTC.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("Event times and read instants outside years 1 to 9999")
class EventTimeRangeTest extends DatabaseTest {

    private static final String FAST = "fast";
    private static final List<Instant> OUTSIDE = List.of(
            Instant.MIN, Instant.MAX, CounterOperations.EARLIEST.minusNanos(1), CounterOperations.LATEST.plusNanos(1));

    private final MapCounterCache cache = new MapCounterCache();
    private final CounterKey strict = CounterKey.of(ALL_PERIODS, "t");
    private final CounterKey allOnly = CounterKey.of("plain", "t");
    private final CounterKey fast = CounterKey.of(FAST, "t");

    @Override
    protected LivecountConfig.Builder configure(LivecountConfig.Builder builder) {
        return builder.namespace(FAST, NamespaceSettings.allPeriods().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(() -> cache).build());
    }

    @Test
    @DisplayName("adds and addAndGets, STRICT and FAST, also to a counter with only the all-time bucket")
    void adds() {
        for (Instant at : OUTSIDE) {
            for (CounterKey key : List.of(strict, allOnly, fast)) {
                refused(() -> counters.add(key, 1, AddOptions.at(at)), "eventTime", at);
                refused(() -> counters.addAndGet(key, 1, AddOptions.at(at)), "eventTime", at);
                refused(() -> counters.add(key, 1, AddOptions.at(at).mode(ConsistencyMode.FAST)), "eventTime", at);
            }
        }
        nothingWritten(counters);
    }

    @Test
    @DisplayName("FAST adds with the local window on")
    void localWindow() {
        try (CounterService windowed = Livecount.create(baseConfig()
                .namespace(FAST, NamespaceSettings.allPeriods().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(() -> cache)
                        .localWindow(Duration.ofMillis(500))
                        .build())
                .build())) {
            for (Instant at : OUTSIDE) {
                refused(() -> windowed.add(fast, 1, AddOptions.at(at)), "eventTime", at);
                refused(
                        () -> windowed.add(
                                CounterKey.of("plain", "w"),
                                1,
                                AddOptions.at(at).mode(ConsistencyMode.FAST)),
                        "eventTime",
                        at);
            }
            nothingWritten(windowed);
        }
    }

    @Test
    @DisplayName("adds in the caller's transaction, STRICT and FAST")
    void joined() {
        try (CallerTx tx = JdbcTransaction.on(database.dataSource()).begin()) {
            CounterOperations inTx = counters.joining(tx.joined());
            for (Instant at : OUTSIDE) {
                refused(() -> inTx.add(strict, 1, AddOptions.at(at)), "eventTime", at);
                refused(() -> inTx.add(fast, 1, AddOptions.at(at)), "eventTime", at);
                refused(() -> inTx.get(strict, Period.DAY, at), "at", at);
            }
            tx.commit();
        }
        nothingWritten(counters);
    }

    @Test
    @DisplayName("get, series and top")
    void reads() {
        for (Instant at : OUTSIDE) {
            for (Period period : List.of(Period.ALL, Period.SECOND, Period.YEAR)) {
                refused(() -> counters.get(strict, period, at), "at", at);
                refused(() -> counters.get(List.of(strict, fast), period, at), "at", at);
                refused(() -> counters.series(strict, period, at, T0), "from", at);
                refused(() -> counters.series(strict, period, T0, at), "to", at);
                refused(() -> counters.top(ALL_PERIODS, period, at, 10), "at", at);
            }
        }
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"Pacific/Kiritimati", "Etc/GMT+12", "UTC"})
    @DisplayName("the first and the last supported instant count and read back, in the zones furthest from UTC")
    void edges(String zone) {
        try (CounterService zoned = Livecount.create(baseConfig()
                .zone(ZoneId.of(zone))
                .namespace(FAST, NamespaceSettings.allPeriods().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(MapCounterCache::new).build())
                .build())) {
            List<Instant> edges = List.of(CounterOperations.EARLIEST, CounterOperations.LATEST);
            for (int i = 0; i < edges.size(); i++) {
                Instant at = edges.get(i);
                zoned.add(strict, 1, AddOptions.at(at));
                zoned.add(fast, 1, AddOptions.at(at));
                for (Period period : Period.values()) {
                    long expected = period == Period.ALL ? i + 1 : 1;
                    assertThat(zoned.get(strict, period, at))
                            .as(period + " at " + at)
                            .isEqualTo(expected);
                    assertThat(zoned.series(strict, period, at, at))
                            .as(period + " series at " + at)
                            .hasSize(1);
                }
                assertThat(zoned.top(ALL_PERIODS, Period.YEAR, at, 1)).hasSize(1);
            }
            zoned.flush();
            assertThat(zoned.get(fast)).isEqualTo(2);
        }
    }

    private static void refused(ThrowingCallable call, String parameter, Instant value) {
        assertThatThrownBy(call)
                .as(parameter + " " + value)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(parameter + " " + value
                        + " is outside the supported range 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z");
    }

    private void nothingWritten(CounterService service) {
        service.flush();
        assertThat(cache.entries).as("cache entries").isEmpty();
        assertThat(database.rowCount()).as("rows").isZero();
    }
}
