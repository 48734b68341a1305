package io.livecount;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The granularity of a counter bucket. Every add updates one bucket per period configured for its
 * namespace, and always the {@link #ALL} bucket.
 *
 * <p>Buckets start at local boundaries of the service's time zone: a {@link #DAY} starts at local
 * midnight (or at the first valid local time when a DST gap swallows midnight), a {@link #WEEK} on
 * the ISO Monday, and so on. A bucket is identified by the instant it starts, so an {@link #HOUR}
 * repeated by a DST fall-back is two buckets, and a day can be 23 or 25 hours long.
 *
 * <p>Thread-safe and stateless.
 */
public enum Period {
    SECOND,
    MINUTE,
    HOUR,
    DAY,
    /** An ISO week: Monday to Sunday. The week containing 1 January may start in December. */
    WEEK,
    MONTH,
    YEAR,
    /** All time: a single bucket that starts at {@link Instant#EPOCH}. */
    ALL;

    /**
     * The period named {@code name}, ignoring case, for configuration files and URLs.
     *
     * @throws IllegalArgumentException naming the bad value and the valid ones
     */
    public static Period parse(String name) {
        if (name != null) {
            for (Period period : values()) {
                if (period.name().equalsIgnoreCase(name.strip())) {
                    return period;
                }
            }
        }
        throw new IllegalArgumentException("unknown period " + (name == null ? "null" : "'" + name + "'")
                + "; expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** Returns the start of the bucket of this period that contains {@code instant}. */
    public Instant bucketStart(Instant instant, ZoneId zone) {
        if (this == ALL) {
            return Instant.EPOCH;
        }
        ZonedDateTime local = instant.atZone(zone);
        return switch (this) {
            case SECOND -> local.truncatedTo(ChronoUnit.SECONDS).toInstant();
            case MINUTE -> local.truncatedTo(ChronoUnit.MINUTES).toInstant();
            // truncatedTo keeps the instant's own offset during a DST overlap, so the two
            // occurrences of 01:00-02:00 on a fall-back night stay two buckets.
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAY -> local.toLocalDate().atStartOfDay(zone).toInstant();
            case WEEK ->
                local.toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .atStartOfDay(zone)
                        .toInstant();
            case MONTH ->
                local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
            case YEAR -> local.toLocalDate().withDayOfYear(1).atStartOfDay(zone).toInstant();
            case ALL -> Instant.EPOCH;
        };
    }

    /**
     * Returns the start of the bucket that follows the one starting at {@code bucketStart}. For
     * {@link #ALL}, which has no successor, returns {@link Instant#MAX}.
     */
    public Instant nextBucketStart(Instant bucketStart, ZoneId zone) {
        ZonedDateTime local = bucketStart.atZone(zone);
        return switch (this) {
            case SECOND -> bucketStart.plusSeconds(1);
            case MINUTE -> bucketStart(bucketStart.plusSeconds(60), zone);
            case HOUR -> bucketStart(bucketStart.plusSeconds(3600), zone);
            case DAY -> local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            case WEEK -> local.toLocalDate().plusWeeks(1).atStartOfDay(zone).toInstant();
            case MONTH -> local.toLocalDate().plusMonths(1).atStartOfDay(zone).toInstant();
            case YEAR -> local.toLocalDate().plusYears(1).atStartOfDay(zone).toInstant();
            case ALL -> Instant.MAX;
        };
    }
}
