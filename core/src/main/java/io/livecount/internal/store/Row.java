package io.livecount.internal.store;

import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.spi.BucketKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One bucket's delta: what an add (or a merged group of adds) contributes to one row.
 *
 * @param bucketStart epoch seconds of the bucket's start, 0 for {@link Period#ALL}
 */
public record Row(CounterKey key, Period period, long bucketStart, long delta) {

    public Row(BucketKey id, long delta) {
        this(id.key(), id.period(), id.bucketStart(), delta);
    }

    /**
     * One row per bucket of {@code rows}, deltas summed exactly, sorted into the global lock order.
     *
     * @throws ArithmeticException if a sum overflows
     */
    public static List<Row> sumById(Collection<Row> rows) {
        Map<BucketKey, Long> sums = new TreeMap<>();
        for (Row row : rows) {
            sums.merge(row.id(), row.delta(), Math::addExact);
        }
        List<Row> merged = new ArrayList<>(sums.size());
        sums.forEach((id, delta) -> merged.add(new Row(id, delta)));
        return merged;
    }

    /** The identity of the row this delta goes to. */
    public BucketKey id() {
        return new BucketKey(key, period, bucketStart);
    }
}
