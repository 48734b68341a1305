package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    @Nested
    @DisplayName("across a 30-minute DST change in Australia/Lord_Howe")
    class HalfHourDst {

        private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

        @Test
        @DisplayName("on the fall-back night the repeated 01:30-02:00 is an HOUR bucket of its own")
        void fallBack() {
            Instant firstQuarterToTwo = Instant.parse("2026-04-04T14:45:00Z"); // 01:45 +11:00
            Instant secondQuarterToTwo = Instant.parse("2026-04-04T15:15:00Z"); // 01:45 +10:30
            Instant oneAm = Instant.parse("2026-04-04T14:00:00Z"); // 01:00 +11:00
            Instant change = Instant.parse("2026-04-04T15:00:00Z"); // 02:00 +11:00 becomes 01:30 +10:30
            Instant twoAm = Instant.parse("2026-04-04T15:30:00Z"); // 02:00 +10:30
            assertThat(Period.HOUR.bucketStart(firstQuarterToTwo, LORD_HOWE)).isEqualTo(oneAm);
            assertThat(Period.HOUR.nextBucketStart(oneAm, LORD_HOWE)).isEqualTo(change);
            assertThat(Period.HOUR.bucketStart(secondQuarterToTwo, LORD_HOWE)).isEqualTo(change);
            assertThat(Period.HOUR.nextBucketStart(change, LORD_HOWE)).isEqualTo(twoAm);
            assertThat(Period.MINUTE.bucketStart(secondQuarterToTwo, LORD_HOWE)).isEqualTo(secondQuarterToTwo);
            Instant day = Period.DAY.bucketStart(firstQuarterToTwo, LORD_HOWE);
            assertThat(Duration.between(day, Period.DAY.nextBucketStart(day, LORD_HOWE)))
                    .isEqualTo(Duration.ofMinutes(24 * 60 + 30));
        }

        @Test
        @DisplayName("on the spring-forward night the hour after 02:00 is the 30-minute bucket 02:30-03:00")
        void springForward() {
            Instant oneAm = Instant.parse("2026-10-03T14:30:00Z"); // 01:00 +10:30
            Instant change = Instant.parse("2026-10-03T15:30:00Z"); // 02:00 +10:30 becomes 02:30 +11:00
            assertThat(Period.HOUR.nextBucketStart(oneAm, LORD_HOWE)).isEqualTo(change);
            assertThat(Period.HOUR.bucketStart(Instant.parse("2026-10-03T15:45:00Z"), LORD_HOWE))
                    .isEqualTo(change);
            assertThat(Period.HOUR.nextBucketStart(change, LORD_HOWE)).isEqualTo("2026-10-03T16:00:00Z"); // 03:00
        }
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "HOUR | Europe/Berlin       | 2026-10-25T01:00+02:00 2026-10-25T02:00+02:00 2026-10-25T02:00+01:00 2026-10-25T03:00+01:00",
                "HOUR | Australia/Lord_Howe | 2026-04-05T01:00+11:00 2026-04-05T01:30+10:30 2026-04-05T02:00+10:30",
                "HOUR | Australia/Lord_Howe | 2026-10-04T01:00+10:30 2026-10-04T02:30+11:00 2026-10-04T03:00+11:00",
                "HOUR | Asia/Gaza           | 2010-03-27T00:00+02:00 2010-03-27T01:01+03:00 2010-03-27T02:00+03:00",
                "HOUR | Asia/Kathmandu      | 2026-01-01T05:00+05:45 2026-01-01T06:00+05:45",
                "DAY  | America/Sao_Paulo   | 2018-11-03T00:00-03:00 2018-11-04T01:00-02:00 2018-11-05T00:00-02:00",
                "DAY  | Antarctica/Casey    | 2010-03-04T00:00+11:00 2010-03-05T00:00+11:00 2010-03-04T23:00+08:00 2010-03-05T00:00+08:00 2010-03-06T00:00+08:00",
            })
    @DisplayName("the examples of docs/counting-model.md are consecutive buckets")
    void documentedExamples(Period period, ZoneId zone, String starts) {
        List<Instant> expected = Arrays.stream(starts.split(" "))
                .map(start -> OffsetDateTime.parse(start).toInstant())
                .toList();
        List<Instant> actual = new ArrayList<>(List.of(period.bucketStart(expected.get(0), zone)));
        while (actual.size() < expected.size()) {
            actual.add(period.nextBucketStart(actual.get(actual.size() - 1), zone));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
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
