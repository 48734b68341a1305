package io.livecount.internal.store;

import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.spi.BucketKey;

/**
 * One bucket's delta: what an add (or a merged group of adds) contributes to one row.
 *
 * @param bucketStart epoch seconds of the bucket's start, 0 for {@link Period#ALL}
 */
public record Row(CounterKey key, Period period, long bucketStart, long delta) {

    public Row(BucketKey id, long delta) {
        this(id.key(), id.period(), id.bucketStart(), delta);
    }

    /** The identity of the row this delta goes to. */
    public BucketKey id() {
        return new BucketKey(key, period, bucketStart);
    }
}
