package io.livecount.internal.writeback;

import io.livecount.CounterKey;
import io.livecount.internal.store.Transactor;
import io.livecount.internal.store.WriteBackStore;
import io.livecount.internal.store.WriteBackStore.Snapshot;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads that see every add made on this node: the database value plus what the cache holds that
 * the database does not. Adds never wait for a read, so the read is made consistent optimistically:
 * the entries are read before and after one database snapshot that also tells which in-flight
 * write-backs had committed; when a write-back started in between, the bucket is read again. A
 * value loaded this way is stored into the entry only if the entry is still the one checked,
 * which is how a cold load can never overwrite an add (the race of the original Livecount).
 */
final class SnapshotReads {

    /** Reads stored values and applied markers of the given buckets in one snapshot. */
    private interface Reader extends BiFunction<List<BucketKey>, Map<BucketKey, Long>, Snapshot> {}

    private final CacheAccess cache;
    private final Transactor transactor;
    private final WriteBackStore store;
    private volatile long validFrom = 1;

    SnapshotReads(CacheAccess cache, Transactor transactor, WriteBackStore store) {
        this.cache = cache;
        this.transactor = transactor;
        this.store = store;
    }

    /** Every cached database value read before now is treated as stale (after a delete). */
    void invalidateAll() {
        validFrom = System.currentTimeMillis() + 1;
    }

    /** Whether a read may answer from the entry alone. */
    boolean isFresh(CounterEntry entry, long refreshMillis) {
        if (entry == null || !entry.isLoaded() || entry.loadedAt() < validFrom) {
            return false;
        }
        return System.currentTimeMillis() - entry.loadedAt() <= refreshMillis;
    }

    /**
     * The totals of {@code buckets}. With {@code refreshMillis >= 0}, fresh entries answer alone
     * and loaded values are cached; with a negative value every bucket is read from the database
     * and nothing is cached.
     */
    Map<BucketKey, Long> totals(List<BucketKey> buckets, long refreshMillis) {
        return totals(
                buckets,
                refreshMillis,
                (toRead, flushIds) ->
                        transactor.autocommit(false, connection -> store.read(connection, toRead, flushIds)));
    }

    /** Like {@link #totals} without caching, for one counter's buckets read as one range. */
    Map<BucketKey, Long> rangeTotals(List<BucketKey> buckets, long lastStart) {
        return totals(
                buckets,
                -1,
                (toRead, flushIds) -> transactor.autocommit(
                        false, connection -> store.readRange(connection, toRead.get(0), lastStart, flushIds.values())));
    }

    private Map<BucketKey, Long> totals(List<BucketKey> buckets, long refreshMillis, Reader reader) {
        Map<BucketKey, Long> totals = new HashMap<>();
        List<BucketKey> toRead = new ArrayList<>();
        for (BucketKey bucket : buckets) {
            CounterEntry entry = cache.get(bucket);
            if (refreshMillis >= 0 && isFresh(entry, refreshMillis)) {
                totals.put(bucket, Entries.total(entry));
            } else {
                toRead.add(bucket);
            }
        }
        while (!toRead.isEmpty()) {
            toRead = readOnce(toRead, refreshMillis >= 0, reader, totals);
        }
        return totals;
    }

    /** Returns the buckets whose entries changed write-back during the read. */
    private List<BucketKey> readOnce(
            List<BucketKey> buckets, boolean caches, Reader reader, Map<BucketKey, Long> totals) {
        // a loaded value is as old as its snapshot: stored later, it would count as read after a
        // delete (invalidateAll) that committed between the snapshot and the store
        long readAt = System.currentTimeMillis();
        // before the first look; asked only by a read that may cache (a remote read on a shared cache)
        Set<CounterKey> counters = caches ? CacheAccess.counters(buckets.stream()) : Set.of();
        long changesBefore = caches ? cache.changes(counters) : 0;
        Map<BucketKey, CounterEntry> before = new HashMap<>();
        Map<BucketKey, Long> inflightIds = new HashMap<>();
        for (BucketKey bucket : buckets) {
            CounterEntry entry = cache.get(bucket);
            if (entry != null) {
                before.put(bucket, entry);
                if (entry.inflight() != 0) {
                    inflightIds.put(bucket, entry.flushId());
                }
            }
        }
        Snapshot snapshot = reader.apply(buckets, inflightIds);
        List<BucketKey> again = new ArrayList<>();
        List<BucketKey> stored = new ArrayList<>();
        Map<BucketKey, CounterEntry> after = new HashMap<>();
        for (BucketKey bucket : buckets) {
            after.put(bucket, cache.get(bucket));
        }
        for (BucketKey bucket : buckets) {
            CounterEntry was = before.get(bucket);
            CounterEntry now = after.get(bucket);
            if (!sameWriteBack(was, now)) {
                again.add(bucket);
                continue;
            }
            boolean unwritten = was != null
                    && was.inflight() != 0
                    && !snapshot.appliedFlushes().contains(was.flushId());
            long total = total(
                    bucket, snapshot.value(bucket), unwritten ? was.inflight() : 0, now != null ? now.pending() : 0);
            totals.put(bucket, total);
            if (caches && cache.tryStore(bucket, now, Entries.loaded(now, total, readAt))) {
                stored.add(bucket);
            }
        }
        forgetIfChanged(stored, counters, changesBefore);
        return again;
    }

    /**
     * The totals are right for this read (what changed during it is concurrent with it), but a
     * value stored may miss a change that a later read must see: an add written back, or a STRICT
     * add committed, after the snapshot, whose trace in the cache was gone or already looked at by
     * the second look (a never-loaded entry removed by its write-back's completion, an entry marked
     * stale, or none at all). Every such change moves {@link CacheAccess#changes} before its trace,
     * so, checked after the store: unmoved, a change made later marks the stored value stale
     * itself; moved, the values stored are forgotten here.
     */
    private void forgetIfChanged(List<BucketKey> stored, Set<CounterKey> counters, long changesBefore) {
        if (!stored.isEmpty() && cache.changes(counters) != changesBefore) {
            stored.forEach(bucket -> cache.update(bucket, new Entries.ForgetStored()));
        }
    }

    /**
     * The stored value plus the deltas the database does not hold yet. A sum outside the range of a
     * long is never shown wrapped: those deltas can never be written (see {@link UnwritableDeltas}).
     */
    private static long total(BucketKey bucket, long stored, long inflight, long pending) {
        try {
            return Math.addExact(Math.addExact(stored, inflight), pending);
        } catch (ArithmeticException overflow) {
            throw new ArithmeticException("the value of " + bucket + " leaves the range of a long: the database holds "
                    + stored + " and this node holds unwritten deltas of " + inflight + " + " + pending
                    + ", which cannot be written (see WriteBackMetrics.unwritableBuckets)");
        }
    }

    /**
     * Whether no write-back took deltas of the entry between the two reads. Every write-back gives
     * the entry a new id; but one that completes may also remove an entry that was never loaded, so
     * an entry that vanished may have taken its deltas into the database after the snapshot, and
     * is read again (comparing ids alone took a removed entry for "no write-back": a read right
     * after an add could answer 0).
     */
    static boolean sameWriteBack(CounterEntry was, CounterEntry now) {
        if (was == null) {
            return now == null || now.flushId() == 0;
        }
        return now != null && now.flushId() == was.flushId();
    }
}
