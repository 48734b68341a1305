package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.testing.DatabaseTest;
import io.livecount.testing.TestDatabase;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("Series across a 30-minute DST change in Australia/Lord_Howe")
class PeriodTransitionsSeriesTest extends DatabaseTest {

    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    @Override
    protected LivecountConfig.Builder configure(LivecountConfig.Builder builder) {
        return builder.zone(LORD_HOWE);
    }

    @Test
    @DisplayName("six hours over the fall-back night are seven HOUR buckets, the repeated 01:30-02:00 one of them")
    void fallBackNight() {
        CounterKey key = CounterKey.of(ALL_PERIODS, "lord-howe");
        counters.add(key, 1, AddOptions.at(Instant.parse("2026-04-04T14:45:00Z"))); // 01:45 +11:00
        counters.add(key, 10, AddOptions.at(Instant.parse("2026-04-04T15:15:00Z"))); // 01:45 +10:30
        List<BucketValue> hours = counters.series(
                key,
                Period.HOUR,
                Instant.parse("2026-04-04T12:00:00Z"), // 23:00 +11:00
                Instant.parse("2026-04-04T17:59:59Z")); // 04:29:59 +10:30
        assertThat(hours)
                .extracting(BucketValue::start)
                .containsExactly(
                        Instant.parse("2026-04-04T12:00:00Z"), // 23:00 +11:00
                        Instant.parse("2026-04-04T13:00:00Z"), // 00:00 +11:00
                        Instant.parse("2026-04-04T14:00:00Z"), // 01:00 +11:00
                        Instant.parse("2026-04-04T15:00:00Z"), // 01:30 +10:30, the repeated half hour
                        Instant.parse("2026-04-04T15:30:00Z"), // 02:00 +10:30
                        Instant.parse("2026-04-04T16:30:00Z"), // 03:00 +10:30
                        Instant.parse("2026-04-04T17:30:00Z")); // 04:00 +10:30
        assertThat(hours).extracting(BucketValue::value).containsExactly(0L, 0L, 1L, 10L, 0L, 0L, 0L);
    }
}
