package io.livecount.demo.admin;

import io.livecount.Period;

/** How much history a chart of each period shows: about a screen's worth of readable bars. */
final class Charting {

    private Charting() {}

    /** Buckets in the chart of {@code period}, the current one included; 1 for all time. */
    static int bucketsShown(Period period) {
        return switch (period) {
            case SECOND -> 120;
            case MINUTE -> 60;
            case HOUR -> 48;
            case DAY -> 30;
            case WEEK -> 26;
            case MONTH -> 24;
            case YEAR -> 10;
            case ALL -> 1;
        };
    }

    /** Whether {@code period}'s buckets are labelled in the viewer's zone, not the service's. */
    static boolean labelledInViewerZone(Period period) {
        // A day bucket starts at the service zone's midnight: in another zone its label would name
        // the wrong date. Below a day, the viewer's clock is what people read.
        return period.compareTo(Period.DAY) < 0;
    }
}
