package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Period buckets")
class PeriodTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest(name = "{0} of {1} in {2} starts at {3}")
    @CsvSource({
        "SECOND, 2026-03-14T15:09:26.535Z, UTC,           2026-03-14T15:09:26Z",
        "MINUTE, 2026-03-14T15:09:26Z,     UTC,           2026-03-14T15:09:00Z",
        "HOUR,   2026-03-14T15:09:26Z,     UTC,           2026-03-14T15:00:00Z",
        "HOUR,   2026-03-14T15:09:26Z,     Asia/Kolkata,  2026-03-14T14:30:00Z",
        "DAY,    2026-03-14T15:09:26Z,     UTC,           2026-03-14T00:00:00Z",
        "DAY,    2026-03-14T23:30:00Z,     Europe/Berlin, 2026-03-14T23:00:00Z",
        "WEEK,   2026-03-14T15:09:26Z,     UTC,           2026-03-09T00:00:00Z",
        "MONTH,  2026-03-14T15:09:26Z,     UTC,           2026-03-01T00:00:00Z",
        "YEAR,   2026-03-14T15:09:26Z,     UTC,           2026-01-01T00:00:00Z",
        "YEAR,   2026-12-31T23:30:00Z,     Europe/Berlin, 2026-12-31T23:00:00Z",
        "ALL,    2026-03-14T15:09:26Z,     UTC,           1970-01-01T00:00:00Z",
    })
    void bucketStarts(Period period, Instant at, ZoneId zone, Instant expected) {
        assertThat(period.bucketStart(at, zone)).isEqualTo(expected);
    }

    @Nested
    @DisplayName("across a DST change in Europe/Berlin")
    class Dst {

        @Test
        @DisplayName("the fall-back night has two 02:00 hours, two buckets, and a 25-hour day")
        void fallBack() {
            Instant firstTwoThirty = Instant.parse("2026-10-25T00:30:00Z"); // 02:30 CEST
            Instant secondTwoThirty = Instant.parse("2026-10-25T01:30:00Z"); // 02:30 CET
            assertThat(Period.HOUR.bucketStart(firstTwoThirty, BERLIN)).isEqualTo("2026-10-25T00:00:00Z");
            assertThat(Period.HOUR.bucketStart(secondTwoThirty, BERLIN)).isEqualTo("2026-10-25T01:00:00Z");
            Instant day = Period.DAY.bucketStart(firstTwoThirty, BERLIN);
            assertThat(day).isEqualTo("2026-10-24T22:00:00Z");
            assertThat(Duration.between(day, Period.DAY.nextBucketStart(day, BERLIN)))
                    .isEqualTo(Duration.ofHours(25));
        }

        @Test
        @DisplayName("the spring-forward day has 23 hours and no 02:00 bucket")
        void springForward() {
            Instant day = Period.DAY.bucketStart(Instant.parse("2026-03-29T10:00:00Z"), BERLIN);
            assertThat(Duration.between(day, Period.DAY.nextBucketStart(day, BERLIN)))
                    .isEqualTo(Duration.ofHours(23));
            Instant oneAm = Instant.parse("2026-03-29T00:00:00Z"); // 01:00 CET
            assertThat(Period.HOUR.nextBucketStart(oneAm, BERLIN)).isEqualTo("2026-03-29T01:00:00Z"); // 03:00 CEST
        }
    }

    @Test
    @DisplayName("the ISO week containing New Year starts on the Monday in December")
    void isoWeekAcrossYearEnd() {
        Instant newYearsEve = Instant.parse("2026-12-31T12:00:00Z");
        Instant newYear = Instant.parse("2027-01-01T12:00:00Z");
        Instant sunday = Instant.parse("2027-01-03T23:59:59Z");
        Instant monday = Instant.parse("2026-12-28T00:00:00Z");
        assertThat(Period.WEEK.bucketStart(newYearsEve, ZoneOffset.UTC)).isEqualTo(monday);
        assertThat(Period.WEEK.bucketStart(newYear, ZoneOffset.UTC)).isEqualTo(monday);
        assertThat(Period.WEEK.bucketStart(sunday, ZoneOffset.UTC)).isEqualTo(monday);
        assertThat(Period.WEEK.nextBucketStart(monday, ZoneOffset.UTC)).isEqualTo("2027-01-04T00:00:00Z");
    }

    @Test
    @DisplayName("29 February is a day of its own, inside February")
    void leapDay() {
        Instant leapDay = Instant.parse("2028-02-29T18:00:00Z");
        assertThat(Period.DAY.bucketStart(leapDay, ZoneOffset.UTC)).isEqualTo("2028-02-29T00:00:00Z");
        assertThat(Period.DAY.nextBucketStart(Instant.parse("2028-02-28T00:00:00Z"), ZoneOffset.UTC))
                .isEqualTo("2028-02-29T00:00:00Z");
        assertThat(Period.MONTH.bucketStart(leapDay, ZoneOffset.UTC)).isEqualTo("2028-02-01T00:00:00Z");
        assertThat(Period.MONTH.nextBucketStart(Instant.parse("2028-02-01T00:00:00Z"), ZoneOffset.UTC))
                .isEqualTo("2028-03-01T00:00:00Z");
    }

    @Test
    @DisplayName("parsing an unknown period names it and the valid ones")
    void parseUnknown() {
        assertThat(Period.parse("hour")).isEqualTo(Period.HOUR);
        assertThatThrownBy(() -> Period.parse("FORTNIGHT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'FORTNIGHT'")
                .hasMessageContaining("SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, YEAR, ALL");
        assertThatThrownBy(() -> Period.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
