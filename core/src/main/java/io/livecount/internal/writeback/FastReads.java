package io.livecount.internal.writeback;

import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterValue;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import io.livecount.WriteBackConfig;
import io.livecount.internal.store.CounterStore;
import io.livecount.spi.BucketKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * FAST mode's reads: what the database and the cache hold ({@link SnapshotReads}) plus the adds
 * this node has not written: its local window (drained into the cache first) and the adds with
 * idempotency keys it holds ({@link KeyedAdds}, read under its visibility lock). Nothing is
 * written by a read. Thread-safe.
 */
final class FastReads {

    private final LivecountConfig config;
    private final WriteBackConfig settings;
    private final CacheAccess cache;
    private final SnapshotReads reads;
    private final KeyedAdds keyed;
    private final Runnable drainWindow;

    FastReads(LivecountConfig config, CacheAccess cache, SnapshotReads reads, KeyedAdds keyed, Runnable drainWindow) {
        this.config = config;
        this.settings = config.writeBack();
        this.cache = cache;
        this.reads = reads;
        this.keyed = keyed;
        this.drainWindow = drainWindow;
    }

    /**
     * The values of {@code keys} in one bucket: cached values answer when every key's namespace
     * counts in FAST mode (a STRICT namespace is read from the database, where its adds are).
     */
    Map<CounterKey, Long> values(Collection<CounterKey> keys, Period period, long bucketStart) {
        List<BucketKey> buckets = new ArrayList<>(keys.size());
        boolean allFast = true;
        for (CounterKey key : keys) {
            buckets.add(new BucketKey(key, period, bucketStart));
            allFast &= config.modeOf(key.namespace()) == ConsistencyMode.FAST;
        }
        Map<CounterKey, Long> values = new HashMap<>();
        totals(buckets, allFast).forEach((bucket, total) -> values.put(bucket.key(), total));
        return values;
    }

    /** The buckets of one counter from {@code first} to {@code last} (starts, epoch seconds), by start. */
    Map<Long, Long> series(CounterKey key, Period period, long first, long last) {
        List<BucketKey> buckets = new ArrayList<>();
        Instant end = Instant.ofEpochSecond(last);
        for (Instant start = Instant.ofEpochSecond(first);
                !start.isAfter(end);
                start = period.nextBucketStart(start, config.zone())) {
            buckets.add(new BucketKey(key, period, CounterStore.bucketColumn(start)));
        }
        Map<Long, Long> values = new HashMap<>();
        rangeTotals(buckets, last).forEach((bucket, total) -> values.put(bucket.bucketStart(), total));
        return values;
    }

    /** Totals of buckets this node sees; cached values answer when {@code cached}. */
    Map<BucketKey, Long> totals(List<BucketKey> buckets, boolean cached) {
        drainWindow.run();
        return keyed.reading(() ->
                withHeld(reads.totals(buckets, cached ? settings.readRefresh().toMillis() : -1)));
    }

    /** {@code totals} plus the deltas {@link KeyedAdds} holds for the same buckets. */
    private Map<BucketKey, Long> withHeld(Map<BucketKey, Long> totals) {
        Map<BucketKey, Long> held = keyed.sums(totals.keySet());
        if (held.isEmpty()) {
            return totals;
        }
        Map<BucketKey, Long> sums = new HashMap<>(totals);
        held.forEach((bucket, delta) -> sums.merge(bucket, delta, Long::sum));
        return sums;
    }

    /**
     * The top list of one bucket: the database's ranking ({@code stored}, asked for as many counters
     * as it needs) with this node's unwritten deltas put in, nothing written first (see {@link
     * TopLists}).
     */
    List<CounterValue> top(
            String namespace, Period period, long bucketStart, int limit, IntFunction<List<CounterValue>> stored) {
        drainWindow.run();
        Predicate<BucketKey> inList = bucket -> bucket.period() == period
                && bucket.bucketStart() == bucketStart
                && bucket.key().namespace().equals(namespace);
        Set<BucketKey> pending = new HashSet<>(keyed.buckets(inList));
        for (BucketKey bucket : cache.cache().dirtyKeys()) {
            if (inList.test(bucket)) {
                pending.add(bucket);
            }
        }
        if (pending.isEmpty()) {
            return stored.apply(limit);
        }
        return keyed.reading(() -> {
            List<CounterValue> ranked = stored.apply((int) Math.min(Integer.MAX_VALUE, (long) limit + pending.size()));
            return TopLists.merge(ranked, withHeld(reads.totals(List.copyOf(pending), -1)), limit);
        });
    }

    /** The counters with unwritten deltas on this node (the local window drained first). */
    Set<CounterKey> pendingCounters() {
        drainWindow.run();
        Set<CounterKey> counters = keyed.counters();
        cache.cache().dirtyKeys().forEach(bucket -> counters.add(bucket.key()));
        return counters;
    }

    /** Totals of one counter's consecutive buckets, ending with {@code lastStart}, in one range read. */
    Map<BucketKey, Long> rangeTotals(List<BucketKey> buckets, long lastStart) {
        drainWindow.run();
        return keyed.reading(() -> withHeld(reads.rangeTotals(buckets, lastStart)));
    }
}
