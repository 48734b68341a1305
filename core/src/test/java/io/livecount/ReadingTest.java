package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.testing.DatabaseTest;
import io.livecount.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("Reading values, series and top counters")
class ReadingTest extends DatabaseTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Override
    protected LivecountConfig.Builder configure(LivecountConfig.Builder builder) {
        return builder.zone(BERLIN);
    }

    private CounterKey key(String name) {
        return CounterKey.of(ALL_PERIODS, name);
    }

    @Test
    @DisplayName("several counters are read at once, absent ones as 0")
    void getMany() {
        counters.add(key("a"), 1);
        counters.add(key("b"), 2);
        Map<CounterKey, Long> values = counters.get(List.of(key("a"), key("b"), key("c")), Period.DAY, T0);
        assertThat(values).containsOnly(Map.entry(key("a"), 1L), Map.entry(key("b"), 2L), Map.entry(key("c"), 0L));
    }

    @Test
    @DisplayName("a series covers every bucket between two instants, empty ones as 0")
    void seriesZeroFilled() {
        counters.add(key("s"), 3, AddOptions.at(T0));
        counters.add(key("s"), 4, AddOptions.at(T0.plus(Duration.ofHours(2))));
        List<BucketValue> series =
                counters.series(key("s"), Period.HOUR, T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)));
        assertThat(series).extracting(BucketValue::value).containsExactly(0L, 3L, 0L, 4L);
        assertThat(series.get(1).start()).isEqualTo(Period.HOUR.bucketStart(T0, BERLIN));
    }

    @Nested
    @DisplayName("buckets stored and read back in a non-UTC zone")
    class Calendar {

        @Test
        @DisplayName("the DST fall-back day has 25 hourly buckets and both 02:00 hours count apart")
        void fallBackDay() {
            Instant cest = Instant.parse("2026-10-25T00:30:00Z"); // 02:30 CEST
            Instant cet = Instant.parse("2026-10-25T01:30:00Z"); // 02:30 CET
            counters.add(key("dst"), 1, AddOptions.at(cest));
            counters.add(key("dst"), 10, AddOptions.at(cet));
            Instant dayStart = Period.DAY.bucketStart(cest, BERLIN);
            Instant lastHour = Period.DAY.nextBucketStart(dayStart, BERLIN).minusSeconds(1);
            List<BucketValue> hours = counters.series(key("dst"), Period.HOUR, dayStart, lastHour);
            assertThat(hours).hasSize(25);
            assertThat(hours.get(2).value()).isEqualTo(1);
            assertThat(hours.get(3).value()).isEqualTo(10);
            assertThat(counters.get(key("dst"), Period.DAY, cet)).isEqualTo(11);
        }

        @Test
        @DisplayName("New Year's Eve and New Year's Day share an ISO week but not a year")
        void isoWeekAcrossYearEnd() {
            Instant eve = Instant.parse("2026-12-31T12:00:00Z");
            Instant newYear = Instant.parse("2027-01-01T12:00:00Z");
            counters.add(key("nye"), 1, AddOptions.at(eve));
            counters.add(key("nye"), 2, AddOptions.at(newYear));
            assertThat(counters.get(key("nye"), Period.WEEK, eve)).isEqualTo(3);
            assertThat(counters.get(key("nye"), Period.YEAR, eve)).isEqualTo(1);
            assertThat(counters.get(key("nye"), Period.YEAR, newYear)).isEqualTo(2);
        }

        @Test
        @DisplayName("a leap year's February has 29 daily buckets")
        void leapDay() {
            Instant leapDay = Instant.parse("2028-02-29T12:00:00Z");
            counters.add(key("leap"), 5, AddOptions.at(leapDay));
            Instant february = Period.MONTH.bucketStart(leapDay, BERLIN);
            Instant march = Period.MONTH.nextBucketStart(february, BERLIN);
            List<BucketValue> days = counters.series(key("leap"), Period.DAY, february, march.minusSeconds(1));
            assertThat(days).hasSize(29);
            assertThat(days.get(28).value()).isEqualTo(5);
            assertThat(counters.get(key("leap"), Period.MONTH, leapDay)).isEqualTo(5);
        }

        @Test
        @DisplayName("every period of one add lands in the bucket that contains the event time")
        void everyPeriod() {
            counters.add(key("each"), 7, AddOptions.at(T0));
            for (Period period : Period.values()) {
                Instant start = period.bucketStart(T0, BERLIN);
                assertThat(counters.get(key("each"), period, start))
                        .as(period.name())
                        .isEqualTo(7);
                if (period != Period.ALL) {
                    assertThat(counters.get(key("each"), period, start.minusSeconds(1)))
                            .as("bucket before " + period)
                            .isZero();
                }
            }
        }
    }

    @Nested
    @DisplayName("top counters")
    class Top {

        @Test
        @DisplayName("are ordered by value, ties by name, and limited")
        void ordered() {
            counters.add(key("low"), 1);
            counters.add(key("b-high"), 9);
            counters.add(key("a-high"), 9);
            counters.add(key("mid"), 5);
            counters.add(CounterKey.of("elsewhere", "huge"), 100);
            assertThat(counters.top(ALL_PERIODS, Period.DAY, T0, 3))
                    .containsExactly(
                            new CounterValue(key("a-high"), 9),
                            new CounterValue(key("b-high"), 9),
                            new CounterValue(key("mid"), 5));
        }

        @Test
        @DisplayName("work the same with the optional top index shipped for large namespaces")
        void withOptionalIndex() throws Exception {
            String folder = database == TestDatabase.MARIADB ? "mysql" : database.id();
            String script = new String(
                    getClass()
                            .getResourceAsStream("/io/livecount/schema/optional/" + folder + "_top_index.sql")
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            database.execute(script.lines()
                    .filter(line -> !line.startsWith("--"))
                    .collect(Collectors.joining("\n"))
                    .replace(";", ""));
            try {
                counters.add(key("x"), 2);
                counters.add(key("y"), 3);
                assertThat(counters.top(ALL_PERIODS, Period.DAY, T0, 1)).containsExactly(new CounterValue(key("y"), 3));
            } finally {
                database.execute(
                        database == TestDatabase.MARIADB
                                ? "DROP INDEX livecount_counter_bucket ON livecount_counter"
                                : "DROP INDEX livecount_counter_bucket");
            }
        }

        @Test
        @DisplayName("look only at the bucket asked for")
        void perBucket() {
            counters.add(key("yesterday"), 50, AddOptions.at(T0.minus(Duration.ofDays(1))));
            counters.add(key("today"), 1, AddOptions.at(T0));
            assertThat(counters.top(ALL_PERIODS, Period.DAY, T0, 10))
                    .containsExactly(new CounterValue(key("today"), 1));
            assertThat(counters.top(ALL_PERIODS, Period.ALL, T0, 10)).hasSize(2);
        }
    }
}
