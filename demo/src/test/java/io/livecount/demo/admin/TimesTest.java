package io.livecount.demo.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.Period;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Timestamps for people")
class TimesTest {

    static final Instant NOW = Instant.parse("2026-03-29T00:30:00Z");

    @Test
    @DisplayName("relative: seconds, minutes, hours, days, whole units rounded down; ahead says 'in'")
    void relative() {
        assertThat(Times.relative(NOW.minusMillis(400), NOW)).isEqualTo("just now");
        assertThat(Times.relative(NOW.minusSeconds(3), NOW)).isEqualTo("3 s ago");
        assertThat(Times.relative(NOW.minusSeconds(59), NOW)).isEqualTo("59 s ago");
        assertThat(Times.relative(NOW.minusSeconds(60), NOW)).isEqualTo("1 min ago");
        assertThat(Times.relative(NOW.minusSeconds(3599), NOW)).isEqualTo("59 min ago");
        assertThat(Times.relative(NOW.minusSeconds(7300), NOW)).isEqualTo("2 h ago");
        assertThat(Times.relative(NOW.minusSeconds(3 * 86_400 + 5), NOW)).isEqualTo("3 d ago");
        assertThat(Times.relative(NOW.plusSeconds(5), NOW)).isEqualTo("in 5 s");
    }

    @Test
    @DisplayName("absolute: local time in the zone, named, across a daylight-saving change")
    void absolute() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 2026-03-29 is the spring-forward day in Berlin: 01:00 UTC is 03:00 CEST
        assertThat(Times.absolute(Instant.parse("2026-03-29T00:59:59Z"), berlin))
                .isEqualTo("2026-03-29 01:59:59 Europe/Berlin");
        assertThat(Times.absolute(Instant.parse("2026-03-29T01:00:00Z"), berlin))
                .isEqualTo("2026-03-29 03:00:00 Europe/Berlin");
        assertThat(Times.absolute(NOW, ZoneId.of("UTC"))).isEqualTo("2026-03-29 00:30:00 UTC");
    }

    @Test
    @DisplayName("bucket names per period, in the zone; ISO weeks by their week-based year")
    void buckets() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        Instant hour = Instant.parse("2026-03-29T00:00:00Z");
        assertThat(Times.bucket(Period.SECOND, hour.plusSeconds(7), kolkata)).isEqualTo("2026-03-29 05:30:07");
        assertThat(Times.bucket(Period.MINUTE, hour, kolkata)).isEqualTo("2026-03-29 05:30");
        assertThat(Times.bucket(Period.HOUR, hour, kolkata)).isEqualTo("2026-03-29 05:30");
        assertThat(Times.bucket(Period.DAY, hour, ZoneId.of("America/New_York")))
                .isEqualTo("2026-03-28");
        assertThat(Times.bucket(Period.WEEK, Instant.parse("2027-01-01T00:00:00Z"), ZoneId.of("UTC")))
                .isEqualTo("2026-W53");
        assertThat(Times.bucket(Period.WEEK, Instant.parse("2026-01-05T00:00:00Z"), ZoneId.of("UTC")))
                .isEqualTo("2026-W02");
        assertThat(Times.bucket(Period.MONTH, hour, kolkata)).isEqualTo("2026-03");
        assertThat(Times.bucket(Period.YEAR, hour, kolkata)).isEqualTo("2026");
        assertThat(Times.bucket(Period.ALL, Instant.EPOCH, kolkata)).isEqualTo("all time");
    }
}
