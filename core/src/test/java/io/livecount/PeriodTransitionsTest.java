package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checks the bucket rule of {@link Period} around every offset change of every zone in the tz
 * database, from the zone's first one (local mean time included) to 2100, the ones its yearly
 * rules produce after the explicit list included, and at random instants from 1970 to 2100.
 *
 * <p>The rule, written here independently of {@link Period}: every instant has a label (for
 * SECOND/MINUTE/HOUR its local time truncated to the unit together with its UTC offset; for DAY its
 * local date; WEEK the Monday of its ISO week; MONTH its local month; YEAR its local year), and a
 * bucket is a maximal stretch of time with one label, identified by its first instant.
 */
@DisplayName("Period buckets around every time-zone offset change up to 2100")
class PeriodTransitionsTest {

    private static final Instant END = Instant.parse("2101-01-01T00:00:00Z");

    /**
     * Seconds before and after each offset change at which to probe each period: the shifts and
     * offsets in use (15, 20, 30, 40, 45 minutes, whole hours) and the neighbouring units.
     */
    private static final Map<Period, long[]> PROBE_OFFSETS = new EnumMap<>(Map.of(
            Period.SECOND, new long[] {0, 1, 59, 60},
            Period.MINUTE, new long[] {0, 1, 59, 60, 15 * 60, 20 * 60, 30 * 60, 40 * 60, 45 * 60, 3599, 3600},
            Period.HOUR, new long[] {0, 1, 60, 15 * 60, 20 * 60, 30 * 60, 40 * 60, 45 * 60, 3599, 3600, 5400, 7200},
            Period.DAY, new long[] {0, 1, 3600, 7200, 86_400, 3 * 86_400},
            Period.WEEK, new long[] {0, 1, 3600, 7200, 86_400, 3 * 86_400},
            Period.MONTH, new long[] {0, 1, 3600, 7200, 86_400, 3 * 86_400},
            Period.YEAR, new long[] {0, 1, 3600, 7200, 86_400, 3 * 86_400}));

    private static final int RANDOM_PROBES_PER_ZONE = 200;
    private static final int FAILURES_SHOWN = 20;

    private final List<String> failures = new ArrayList<>();
    private long probes;
    private long failed;

    /** The buckets of the current zone checked so far: start to next start. */
    private final Map<Period, Map<Instant, Instant>> checked = new EnumMap<>(Period.class);

    @Test
    @DisplayName("every instant lies in its bucket, buckets tile time, and each is a maximal stretch of one label")
    void everyZoneEveryOffsetChange() {
        Map<ZoneRules, ZoneId> zones = new LinkedHashMap<>(); // aliases share their rules: check once
        ZoneId.getAvailableZoneIds().stream()
                .sorted()
                .map(ZoneId::of)
                .forEach(zone -> zones.putIfAbsent(zone.getRules(), zone));
        for (ZoneId zone : zones.values()) {
            checked.clear();
            ZoneRules rules = zone.getRules();
            for (ZoneOffsetTransition change = rules.nextTransition(Instant.MIN);
                    change != null && change.getInstant().isBefore(END);
                    change = rules.nextTransition(change.getInstant())) {
                probeAround(zone, change.getInstant());
            }
            SplittableRandom random = new SplittableRandom(zone.getId().hashCode());
            for (int i = 0; i < RANDOM_PROBES_PER_ZONE; i++) {
                Instant at =
                        Instant.ofEpochSecond(random.nextLong(END.getEpochSecond()), random.nextInt(1_000_000_000));
                PROBE_OFFSETS.keySet().forEach(period -> probe(period, zone, at));
                probeAll(zone, at);
            }
        }
        assertThat(failures)
                .as("%d of %d probes failed over %d zones; the first ones", failed, probes, zones.size())
                .isEmpty();
        assertThat(probes).isGreaterThan(1_000_000);
    }

    private void probeAround(ZoneId zone, Instant change) {
        PROBE_OFFSETS.forEach((period, offsets) -> {
            for (long offset : offsets) {
                probe(period, zone, change.plusSeconds(offset));
                probe(period, zone, change.minusSeconds(offset).minusNanos(offset == 0 ? 1 : 0));
            }
        });
    }

    private void probe(Period period, ZoneId zone, Instant at) {
        probes++;
        Instant start = period.bucketStart(at, zone);
        Instant next = checked.computeIfAbsent(period, p -> new HashMap<>()).get(start);
        if (next == null) {
            next = period.nextBucketStart(start, zone);
            checked.get(period).put(start, next);
            String problem = bucketProblem(period, zone, start, next);
            if (problem != null) {
                fail(period, zone, at, "the bucket [" + start + ", " + next + ") " + problem);
            }
        }
        if (start.isAfter(at) || !at.isBefore(next)) {
            fail(period, zone, at, "not in its bucket [" + start + ", " + next + ")");
        }
    }

    private void probeAll(ZoneId zone, Instant at) {
        Instant start = Period.ALL.bucketStart(at, zone);
        if (!start.equals(Instant.EPOCH)
                || !Period.ALL.nextBucketStart(start, zone).equals(Instant.MAX)) {
            fail(Period.ALL, zone, at, "the bucket is not [EPOCH, MAX)");
        }
    }

    /** What is wrong with the bucket [start, next), or null. */
    private static String bucketProblem(Period period, ZoneId zone, Instant start, Instant next) {
        if (start.getNano() != 0 || next.getNano() != 0) {
            return "does not start on a whole second";
        }
        if (!period.bucketStart(start, zone).equals(start)) {
            return "does not contain its start";
        }
        if (!period.bucketStart(next.minusNanos(1), zone).equals(start)) {
            return "does not contain its last instant";
        }
        if (!period.bucketStart(next, zone).equals(next)) {
            return "is not followed by a bucket starting at its end";
        }
        Object label = label(period, start, zone);
        if (label.equals(label(period, start.minusNanos(1), zone))) {
            return "does not start where the label changes";
        }
        if (!label.equals(label(period, next.minusNanos(1), zone))) {
            return "has another label at its end";
        }
        if (label.equals(label(period, next, zone))) {
            return "does not end where the label changes";
        }
        // Between offset changes local time only moves forward, so equal labels at both ends of
        // each stretch between them mean one label over the whole bucket.
        ZoneRules rules = zone.getRules();
        for (ZoneOffsetTransition inside = rules.nextTransition(start);
                inside != null && inside.getInstant().isBefore(next);
                inside = rules.nextTransition(inside.getInstant())) {
            Instant change = inside.getInstant();
            if (!label.equals(label(period, change.minusNanos(1), zone))
                    || !label.equals(label(period, change, zone))) {
                return "has another label at the offset change " + change;
            }
        }
        return null;
    }

    /** The label of {@code at}: adjacent instants with equal labels are in the same bucket. */
    private static Object label(Period period, Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate date = local.toLocalDate();
        return switch (period) {
            case SECOND -> List.of(local.toLocalDateTime().truncatedTo(ChronoUnit.SECONDS), local.getOffset());
            case MINUTE -> List.of(local.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES), local.getOffset());
            case HOUR -> List.of(local.toLocalDateTime().truncatedTo(ChronoUnit.HOURS), local.getOffset());
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> YearMonth.from(date);
            case YEAR -> Year.from(date);
            case ALL -> Instant.EPOCH;
        };
    }

    private void fail(Period period, ZoneId zone, Instant at, String what) {
        failed++;
        if (failures.size() < FAILURES_SHOWN) {
            ZonedDateTime local = at.atZone(zone);
            failures.add(period + " in " + zone + " at " + at + " (" + local.toLocalDateTime() + " " + local.getOffset()
                    + "): " + what);
        }
    }
}
