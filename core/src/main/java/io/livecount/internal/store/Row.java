package io.livecount.internal.store;

import io.livecount.CounterKey;
import io.livecount.Period;

/**
 * One bucket's delta: what an add (or a merged group of adds) contributes to one row.
 *
 * @param bucketStart epoch seconds of the bucket's start, 0 for {@link Period#ALL}
 */
public record Row(CounterKey key, Period period, long bucketStart, long delta) {

    /** The identity of the row this delta goes to. */
    public RowId id() {
        return new RowId(key, period, bucketStart);
    }

    /** Identity of a stored row; ordered so that every statement locks rows in the same order. */
    public record RowId(CounterKey key, Period period, long bucketStart) implements Comparable<RowId> {
        @Override
        public int compareTo(RowId other) {
            int c = key.namespace().compareTo(other.key.namespace());
            if (c == 0) c = key.name().compareTo(other.key.name());
            if (c == 0) c = period.compareTo(other.period);
            if (c == 0) c = Long.compare(bucketStart, other.bucketStart);
            return c;
        }
    }
}
