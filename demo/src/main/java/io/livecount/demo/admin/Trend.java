package io.livecount.demo.admin;

import java.util.Locale;

/**
 * A counter's value in the current bucket of a period against its value in the bucket before. The
 * current bucket is still filling, so a falling trend early in a bucket is expected; the page says
 * "so far".
 *
 * @param current the value in the bucket containing now
 * @param previous the value in the bucket before it, or null when there is none (all time)
 */
public record Trend(long current, Long previous) {

    /** How the value moved; {@code NONE} when there is nothing to compare with. */
    public enum Direction {
        UP,
        DOWN,
        FLAT,
        NONE
    }

    /** A value without a bucket before it. */
    public static Trend none(long current) {
        return new Trend(current, null);
    }

    public Direction direction() {
        if (previous == null) {
            return Direction.NONE;
        }
        return current > previous ? Direction.UP : current < previous ? Direction.DOWN : Direction.FLAT;
    }

    /**
     * The change in percent of the previous value's magnitude; null without a previous value or
     * when it was 0 (any rise from 0 is infinitely many percent, shown as "new").
     */
    public Double percent() {
        if (previous == null || previous == 0) {
            return null;
        }
        return (current - (double) previous) * 100 / Math.abs((double) previous);
    }

    /** What the page shows: "▲ 25%", "▼ 3.5%", "= 0%", "▲ new", "▼ from 0", "–" (0 and 0), or "". */
    public String label() {
        Direction direction = direction();
        if (direction == Direction.NONE) {
            return "";
        }
        Double percent = percent();
        if (percent == null) {
            return switch (direction) {
                case UP -> "▲ new";
                case DOWN -> "▼ from 0";
                default -> "–";
            };
        }
        String arrow = direction == Direction.UP ? "▲ " : direction == Direction.DOWN ? "▼ " : "= ";
        return arrow + percentText(Math.abs(percent)) + "%";
    }

    /** For the tooltip: both values. */
    public String explanation() {
        return previous == null ? "" : current + " so far, " + previous + " in the bucket before";
    }

    /** One decimal below 10 %, where it still tells something; whole numbers above. */
    private static String percentText(double magnitude) {
        if (magnitude < 10) {
            String text = String.format(Locale.ROOT, "%.1f", magnitude);
            return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
        }
        return String.format(Locale.ROOT, "%.0f", magnitude);
    }
}
