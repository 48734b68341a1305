package io.livecount.internal.writeback;

import io.livecount.internal.store.Row;
import io.livecount.spi.BucketKey;
import io.livecount.spi.EntryChange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entries whose write-back committed but which still hold its deltas as in flight: completing
 * them ({@link Entries.CompleteFlush}) is left to the next pass, which takes the key's new deltas
 * in the same change ({@link Entries.CompleteAndBegin}). A key written back in every pass (a busy
 * counter) then costs one cache change per pass instead of two: on Hazelcast, one entry-processor
 * call to the key's owner and one synchronous backup fewer per dirty key and pass.
 *
 * <p>Nothing else changes meaning. An entry whose write-back committed and is not completed yet is
 * what every node already handles: reads ask the database whether its marker is applied (see
 * {@link SnapshotReads}), and a node that finds it after taking over the key (a Hazelcast
 * migration) adopts the write-back, finds its marker and completes it. Keys not taken again in the
 * next pass (the entry moved to another member, or the pass found it clean) are completed at the
 * end of that pass, and an explicit flush or close completes everything (so that the entries are
 * clean afterwards).
 *
 * <p>Thread-safe: the runs of a pass complete and take disjoint keys.
 */
final class DeferredCompletions {

    private final CacheAccess cache;
    private final Map<BucketKey, Long> committed = new ConcurrentHashMap<>();

    DeferredCompletions(CacheAccess cache) {
        this.cache = cache;
    }

    /** Write-back {@code flushId} committed {@code rows}: their entries are completed later. */
    void committed(long flushId, List<Row> rows) {
        rows.forEach(row -> committed.put(row.id(), flushId));
    }

    /**
     * Call before the {@link #take}s of a pass: they complete entries of write-backs that
     * committed, so the count of database writes moves first ({@link CacheAccess#changes}).
     */
    void beforeTakes() {
        cache.countChanges(CacheAccess.counters(committed.keySet().stream()));
    }

    /** The change that takes the key's pending deltas into {@code flushId}, completing a committed write-back first. */
    EntryChange take(BucketKey key, long flushId) {
        Long done = committed.remove(key);
        return done == null ? new Entries.BeginFlush(flushId) : new Entries.CompleteAndBegin(done, flushId);
    }

    /** What is deferred now: give it to {@link #completeLeft} at the end of the pass. */
    Map<BucketKey, Long> snapshot() {
        return Map.copyOf(committed);
    }

    /** Completes the entries of {@code before} that the pass did not take again. */
    void completeLeft(Map<BucketKey, Long> before) {
        cache.countChanges(CacheAccess.counters(before.keySet().stream()));
        before.forEach((key, flushId) -> {
            if (committed.remove(key, flushId)) {
                cache.update(key, new Entries.CompleteFlush(flushId));
            }
        });
    }

    /** Completes every deferred entry. */
    void completeAll() {
        completeLeft(snapshot());
    }
}
