package io.livecount;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The granularity of a counter bucket. Every add updates one bucket per period configured for its
 * namespace, and always the {@link #ALL} bucket.
 *
 * <p>Buckets follow the local time of the service's time zone. Each instant has a label: its local
 * time truncated to the period's unit (second, minute, hour, day, ISO week starting Monday, month,
 * year) and, below a day, its UTC offset. A bucket is a maximal stretch of time over which the label
 * stays the same, and is identified by its first instant, always a whole second. So buckets tile
 * time without gap or overlap, and:
 *
 * <ul>
 *   <li>a {@link #MINUTE} or {@link #HOUR} bucket starts at every whole local minute or hour and at
 *       every offset change: an hour repeated by a fall-back is two buckets, and in a zone with a
 *       30-minute shift the repeated or remaining half hour is a 30-minute bucket;
 *   <li>a {@link #DAY}, {@link #WEEK}, {@link #MONTH} or {@link #YEAR} bucket starts at local
 *       midnight of its first day, or at the offset change when a gap swallows that midnight; a day
 *       is 23 or 25 hours long across a one-hour shift, 23.5 or 24.5 across a 30-minute one. When a fall-back takes the local date back to the previous
 *       day, the repeated part of that day is a bucket of its own, starting at the offset change.
 * </ul>
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

    /**
     * Returns the start of the bucket of this period that contains {@code instant}: the first
     * instant of the maximal stretch of time around it over which its label stays the same (see the
     * class comment).
     */
    public Instant bucketStart(Instant instant, ZoneId zone) {
        return switch (this) {
            // Offsets and offset changes are whole seconds, so a local second is a UTC second.
            case SECOND -> instant.truncatedTo(ChronoUnit.SECONDS);
            case ALL -> Instant.EPOCH;
            default -> BucketBoundaries.start(this, instant, zone.getRules());
        };
    }

    /**
     * Returns the start of the bucket that follows the one starting at {@code bucketStart} (or, for
     * any instant, the one containing it). For {@link #ALL}, which has no successor, returns
     * {@link Instant#MAX}.
     */
    public Instant nextBucketStart(Instant bucketStart, ZoneId zone) {
        return switch (this) {
            case SECOND -> bucketStart.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            case ALL -> Instant.MAX;
            default -> BucketBoundaries.next(this, bucketStart, zone.getRules());
        };
    }

    /**
     * Whether the UTC offset is part of a bucket's label, so that every offset change starts a
     * bucket: true below a day, which is what keeps the two 02:00 hours of a fall-back night apart.
     */
    boolean labelIncludesOffset() {
        return compareTo(DAY) < 0;
    }

    /** The local time at which the unit of this period containing {@code local} begins. */
    LocalDateTime unitStart(LocalDateTime local) {
        LocalDate date = local.toLocalDate();
        return switch (this) {
            case SECOND -> local.truncatedTo(ChronoUnit.SECONDS);
            case MINUTE -> local.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
            case DAY -> date.atStartOfDay();
            case WEEK ->
                date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
            case MONTH -> date.withDayOfMonth(1).atStartOfDay();
            case YEAR -> date.withDayOfYear(1).atStartOfDay();
            case ALL -> LocalDateTime.MIN; // one bucket: never asked
        };
    }

    /** The local time at which the unit after the one beginning at {@code unitStart} begins. */
    LocalDateTime nextUnitStart(LocalDateTime unitStart) {
        return switch (this) {
            case SECOND -> unitStart.plusSeconds(1);
            case MINUTE -> unitStart.plusMinutes(1);
            case HOUR -> unitStart.plusHours(1);
            case DAY -> unitStart.plusDays(1);
            case WEEK -> unitStart.plusWeeks(1);
            case MONTH -> unitStart.plusMonths(1);
            case YEAR -> unitStart.plusYears(1);
            case ALL -> LocalDateTime.MAX; // one bucket: never asked
        };
    }
}
