package io.livecount.internal;

import io.livecount.CounterKey;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns an add into one row per configured period bucket, in the service's time zone. */
public final class Bucketing {

    private final LivecountConfig config;

    public Bucketing(LivecountConfig config) {
        this.config = config;
    }

    /** The rows of an add; {@code eventTime} null means now (read from the clock on each call). */
    public List<Row> rows(CounterKey key, long delta, Instant eventTime) {
        Instant at = eventTime != null ? eventTime : config.clock().instant();
        Set<Period> periods = config.namespace(key.namespace()).periods();
        List<Row> rows = new ArrayList<>(periods.size());
        for (Period period : periods) {
            rows.add(new Row(key, period, bucket(period, at), delta));
        }
        return rows;
    }

    /** The stored form of the start of the bucket of {@code period} containing {@code at}. */
    public long bucket(Period period, Instant at) {
        return CounterStore.bucketColumn(period.bucketStart(at, config.zone()));
    }
}
