package io.livecount.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.query.Predicate;
import java.util.Map;

/**
 * Removes an entry that holds no delta and has not changed since {@code cutoffMillis} (the owner's
 * clock); as a predicate, selects such entries. This is how clean entries leave the map: Livecount
 * gives entries no Hazelcast expiry, because Hazelcast expires an entry on the owner and on its
 * backups at different times and then equalizes the backups with the owner by removing random
 * backup entries, which may hold deltas. A removal is an ordinary change of the entry, whose
 * backups follow synchronously ({@link ReplicaValue}). Dirty entries are never removed.
 */
public final class ExpireClean
        implements EntryProcessor<CounterBucket, StoredEntry, Object>, Predicate<CounterBucket, StoredEntry> {

    private static final long serialVersionUID = 1L;

    private final long cutoffMillis;
    /** Set by {@link #process} when it removed the entry, read by Hazelcast right after it on the same thread. */
    private transient ReplicaValue backup;

    public ExpireClean(long cutoffMillis) {
        this.cutoffMillis = cutoffMillis;
    }

    long cutoffMillis() {
        return cutoffMillis;
    }

    @Override
    public boolean apply(Map.Entry<CounterBucket, StoredEntry> entry) {
        StoredEntry value = entry.getValue();
        return value != null && value.cleanSince(cutoffMillis);
    }

    @Override
    public Object process(Map.Entry<CounterBucket, StoredEntry> entry) {
        backup = apply(entry) ? ReplicaValue.store(entry, null) : null;
        return null;
    }

    @Override
    public EntryProcessor<CounterBucket, StoredEntry, Object> getBackupProcessor() {
        return backup;
    }
}
