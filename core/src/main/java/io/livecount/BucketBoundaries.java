package io.livecount;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Finds where buckets of a {@link Period} begin and end in a zone. A bucket is a maximal stretch of
 * time over which the label of {@link Period} stays the same: the local unit (hour, day, ...) and,
 * below a day, the UTC offset.
 *
 * <p>Between two offset changes local time moves forward at the rate of real time, so there the
 * label changes exactly where local time enters a new unit. Only at an offset change may local time
 * jump (forward or back, by any amount), so both searches walk from one offset change to the next.
 */
final class BucketBoundaries {

    private BucketBoundaries() {}

    /** The first instant of the bucket of {@code period} that contains {@code instant}. */
    static Instant start(Period period, Instant instant, ZoneRules rules) {
        LocalDateTime unit = period.unitStart(LocalDateTime.ofInstant(instant, rules.getOffset(instant)));
        Instant at = instant;
        while (true) {
            // Where local time entered the unit, had the offset at `at` held since then.
            Instant entered = unit.toInstant(rules.getOffset(at));
            ZoneOffsetTransition change = rules.previousTransition(at.plusNanos(1)); // at or before `at`
            if (change == null || entered.isAfter(change.getInstant())) {
                return entered;
            }
            if (!sameLabelAcross(period, change)) {
                return change.getInstant();
            }
            at = change.getInstant().minusNanos(1);
        }
    }

    /** The first instant after {@code instant} whose label differs from that of {@code instant}. */
    static Instant next(Period period, Instant instant, ZoneRules rules) {
        LocalDateTime nextUnit =
                period.nextUnitStart(period.unitStart(LocalDateTime.ofInstant(instant, rules.getOffset(instant))));
        Instant at = instant;
        while (true) {
            // Where local time reaches the next unit, if the offset at `at` holds until then.
            Instant reached = nextUnit.toInstant(rules.getOffset(at));
            ZoneOffsetTransition change = rules.nextTransition(at); // strictly after `at`
            if (change == null || reached.isBefore(change.getInstant())) {
                return reached;
            }
            if (!sameLabelAcross(period, change)) {
                return change.getInstant();
            }
            at = change.getInstant();
        }
    }

    /**
     * Whether the label just before {@code change} equals the one at it. Below a day never: the
     * offset is part of the label. From a day up, when local time stays in the same unit (a 25-hour
     * day of a fall-back night, a month across a spring-forward).
     */
    private static boolean sameLabelAcross(Period period, ZoneOffsetTransition change) {
        if (period.labelIncludesOffset()) {
            return false;
        }
        LocalDateTime before = change.getDateTimeBefore().minusNanos(1);
        return period.unitStart(before).equals(period.unitStart(change.getDateTimeAfter()));
    }
}
