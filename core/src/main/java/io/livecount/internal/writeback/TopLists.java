package io.livecount.internal.writeback;

import io.livecount.CounterKey;
import io.livecount.CounterValue;
import io.livecount.spi.BucketKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A top list over the database's ranking and this node's unwritten deltas, without writing them
 * first. With P counters pending in the bucket, the database's first {@code limit + P} counters
 * and the pending counters' own totals are enough: a counter in neither list holds at most the
 * value of the last one read, and at least {@code limit} of the counters read are not pending, so
 * they keep their place ahead of it.
 */
final class TopLists {

    /** Largest value first, ties by name in byte order (the order of the key columns). */
    static final Comparator<CounterValue> RANKING = Comparator.comparingLong(CounterValue::value)
            .reversed()
            .thenComparing(value -> value.key().name().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

    private TopLists() {}

    /**
     * The first {@code limit} of {@code stored} (the database's ranking, at least {@code limit +
     * pending.size()} long where the bucket has that many counters) with the values of {@code
     * pending} (stored value plus unwritten deltas) put in.
     */
    static List<CounterValue> merge(List<CounterValue> stored, Map<BucketKey, Long> pending, int limit) {
        Map<CounterKey, Long> values = new HashMap<>();
        stored.forEach(value -> values.put(value.key(), value.value()));
        pending.forEach((bucket, total) -> values.put(bucket.key(), total));
        return values.entrySet().stream()
                .map(entry -> new CounterValue(entry.getKey(), entry.getValue()))
                .sorted(RANKING)
                .limit(limit)
                .toList();
    }
}
