package io.livecount.demo.admin;

import io.livecount.Period;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;

/**
 * Timestamps for people: "3 s ago", and absolute times in a chosen zone. The page's script does the
 * same in the browser (to keep them ticking); these are for the page as first sent and for CSV.
 */
public final class Times {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MONTHS = DateTimeFormatter.ofPattern("yyyy-MM");
    private static final DateTimeFormatter YEARS = DateTimeFormatter.ofPattern("yyyy");

    private Times() {}

    /** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago"; "in 5 s" for a time ahead. */
    public static String relative(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        boolean ahead = age.isNegative();
        long seconds = Math.abs(age.getSeconds());
        if (seconds < 1) {
            return "just now";
        }
        String amount;
        if (seconds < 60) {
            amount = seconds + " s";
        } else if (seconds < 3600) {
            amount = seconds / 60 + " min";
        } else if (seconds < 86_400) {
            amount = seconds / 3600 + " h";
        } else {
            amount = seconds / 86_400 + " d";
        }
        return ahead ? "in " + amount : amount + " ago";
    }

    /** {@code instant} in {@code zone} to the second, with the zone: "2026-03-29 03:00:00 Europe/Berlin". */
    public static String absolute(Instant instant, ZoneId zone) {
        return SECONDS.format(instant.atZone(zone)) + " " + zone.getId();
    }

    /**
     * The name of the bucket of {@code period} starting at {@code start}, in {@code zone}: to the
     * second, the minute, the day, "2026-W05" for an ISO week, the month, the year, "all time".
     */
    public static String bucket(Period period, Instant start, ZoneId zone) {
        var local = start.atZone(zone);
        return switch (period) {
            case SECOND -> SECONDS.format(local);
            case MINUTE, HOUR -> MINUTES.format(local);
            case DAY -> DAYS.format(local);
            case WEEK ->
                String.format(
                        "%d-W%02d", local.get(IsoFields.WEEK_BASED_YEAR), local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> MONTHS.format(local);
            case YEAR -> YEARS.format(local);
            case ALL -> "all time";
        };
    }
}
