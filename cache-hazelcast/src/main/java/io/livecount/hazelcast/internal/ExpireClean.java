package io.livecount.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.query.Predicate;
import java.util.Map;

/**
 * Removes an entry that holds no delta and has not changed since {@code cutoffMillis} (the owner's
 * clock; an entry that still remembers a caller becomes a tombstone, removed when it no longer
 * does); as a predicate, selects such entries. This is how clean entries leave the map: Livecount
 * gives entries no Hazelcast expiry, because Hazelcast expires an entry on the owner and on its
 * backups at different times and then equalizes the backups with the owner by removing random
 * backup entries, which may hold deltas.
 *
 * <p>The backups run the same removal on their copy, which is the owner's entry (see {@link
 * ReplicaValue}): stateless, so one instance serves every key of an {@code executeOnKeys}, whose
 * backups are asynchronous. A removal a backup misses leaves a clean entry there (memory until a
 * later change or sweep), and a backup copy that a later change made dirty is never removed.
 */
public final class ExpireClean
        implements EntryProcessor<CounterBucket, StoredEntry, Object>, Predicate<CounterBucket, StoredEntry> {

    private static final long serialVersionUID = 1L;

    private final long cutoffMillis;
    private final long nowMillis;

    /** Expires what has not changed since {@code cutoffMillis}, deciding on callers to remember as of {@code nowMillis}. */
    public ExpireClean(long cutoffMillis, long nowMillis) {
        this.cutoffMillis = cutoffMillis;
        this.nowMillis = nowMillis;
    }

    long cutoffMillis() {
        return cutoffMillis;
    }

    long nowMillis() {
        return nowMillis;
    }

    @Override
    public boolean apply(Map.Entry<CounterBucket, StoredEntry> entry) {
        StoredEntry value = entry.getValue();
        return value != null
                && value.cleanSince(cutoffMillis)
                && !(value.isTombstone() && value.keepsCallers(nowMillis));
    }

    /** Removes the entry, or leaves its tombstone while it remembers a caller (see {@link StoredEntry}). */
    @Override
    public Object process(Map.Entry<CounterBucket, StoredEntry> entry) {
        if (apply(entry)) {
            StoredEntry value = entry.getValue();
            ReplicaValue.write(entry, value.keepsCallers(nowMillis) ? value.tombstone() : null);
        }
        return null;
    }

    @Override
    public EntryProcessor<CounterBucket, StoredEntry, Object> getBackupProcessor() {
        return this;
    }
}
