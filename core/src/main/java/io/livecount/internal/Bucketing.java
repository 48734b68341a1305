package io.livecount.internal;

import io.livecount.CounterKey;
import io.livecount.CounterOperations;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Turns an add into one row per configured period bucket, in the service's time zone; the one place
 * where instants given by callers are checked against the supported range.
 */
public final class Bucketing {

    private final LivecountConfig config;

    /**
     * Per period, the last bucket computed: nearly every add falls in the bucket of the add before,
     * and finding a bucket's start in a zone (rules, local dates) costs far more than comparing
     * seconds. Races only replace one correct span with another.
     */
    private final AtomicReferenceArray<Span> lastSpans = new AtomicReferenceArray<>(Period.values().length);

    /** A bucket: the epoch seconds {@code [from, until)} it covers, and its stored column. */
    private record Span(long from, long until, long column) {}

    public Bucketing(LivecountConfig config) {
        this.config = config;
    }

    /**
     * Returns {@code at}, or throws {@link IllegalArgumentException} naming {@code parameter} when it
     * lies outside {@link CounterOperations#EARLIEST} … {@link CounterOperations#LATEST}. Within
     * that range, bucket starts and their successors are computable in every zone (years 0 to
     * 10000 locally) and fit the epoch-seconds column; outside it, java.time fails for some zones.
     */
    public static Instant checkTime(String parameter, Instant at) {
        if (at.isBefore(CounterOperations.EARLIEST) || at.isAfter(CounterOperations.LATEST)) {
            throw new IllegalArgumentException(parameter + " " + at + " is outside the supported range "
                    + CounterOperations.EARLIEST + " to " + CounterOperations.LATEST);
        }
        return at;
    }

    /**
     * The rows of an add; {@code eventTime} null means now (read from the clock on each call).
     *
     * @throws IllegalArgumentException for an event time outside the supported range
     */
    public List<Row> rows(CounterKey key, long delta, Instant eventTime) {
        Instant at = eventTime != null
                ? checkTime("eventTime", eventTime)
                : config.clock().instant();
        Set<Period> periods = config.namespace(key.namespace()).periods();
        List<Row> rows = new ArrayList<>(periods.size());
        for (Period period : periods) {
            rows.add(new Row(key, period, bucket(period, at), delta));
        }
        return rows;
    }

    /**
     * The stored form of the start of the bucket of {@code period} containing {@code at}.
     *
     * @throws IllegalArgumentException for an instant outside the supported range
     */
    public long bucket(Period period, Instant at) {
        long second = checkTime("at", at).getEpochSecond(); // bucket boundaries are whole seconds
        Span span = lastSpans.get(period.ordinal());
        if (span == null || second < span.from() || second >= span.until()) {
            Instant start = period.bucketStart(at, config.zone());
            Instant next = period.nextBucketStart(start, config.zone()); // Instant.MAX for ALL
            span = new Span(start.getEpochSecond(), next.getEpochSecond(), CounterStore.bucketColumn(start));
            lastSpans.set(period.ordinal(), span);
        }
        return span.column();
    }
}
