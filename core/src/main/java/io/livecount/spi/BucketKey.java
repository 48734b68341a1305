package io.livecount.spi;

import io.livecount.CounterKey;
import io.livecount.Period;
import java.io.Serializable;

/**
 * Identifies one bucket of one counter: the unit a {@link CounterCache} caches and the write-back
 * engine writes. Value-based: equal keys compare byte-exact on namespace and name. Ordered so that
 * every statement locks rows in the same order.
 *
 * @param key the counter
 * @param period the bucket's period
 * @param bucketStart epoch seconds of the bucket's start, 0 for {@link Period#ALL}
 */
public record BucketKey(CounterKey key, Period period, long bucketStart)
        implements Comparable<BucketKey>, Serializable {

    @Override
    public int compareTo(BucketKey other) {
        int c = key.namespace().compareTo(other.key.namespace());
        if (c == 0) c = key.name().compareTo(other.key.name());
        if (c == 0) c = period.compareTo(other.period);
        if (c == 0) c = Long.compare(bucketStart, other.bucketStart);
        return c;
    }
}
