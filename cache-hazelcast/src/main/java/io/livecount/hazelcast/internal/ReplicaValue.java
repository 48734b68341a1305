package io.livecount.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the owner of a key sends its backups after changing the entry: the entry it stored (null:
 * removed), to be stored as it is. A backup never computes its own entry: a copy that had come
 * apart from the owner's would stay apart, and Hazelcast trusts that the copies match (it even
 * removes random backup entries when a backup holds more of them than its owner). Entries never
 * carry a Hazelcast expiry: Livecount removes clean entries itself ({@link ExpireClean}).
 */
public final class ReplicaValue implements EntryProcessor<CounterBucket, StoredEntry, Object> {

    private static final long serialVersionUID = 1L;

    private final StoredEntry value;

    ReplicaValue(StoredEntry value) {
        this.value = value;
    }

    StoredEntry value() {
        return value;
    }

    /** Stores {@code value} in {@code entry} (null removes it); returns what the backups must run. */
    static ReplicaValue store(Map.Entry<CounterBucket, StoredEntry> entry, StoredEntry value) {
        write(entry, value);
        return new ReplicaValue(value);
    }

    @Override
    public Object process(Map.Entry<CounterBucket, StoredEntry> entry) {
        write(entry, value);
        return null;
    }

    @Override
    public EntryProcessor<CounterBucket, StoredEntry, Object> getBackupProcessor() {
        return null; // it is the backup processor
    }

    @SuppressWarnings("unchecked")
    static void write(Map.Entry<CounterBucket, StoredEntry> entry, StoredEntry value) {
        if (value == null) {
            entry.setValue(null);
        } else { // 0: no expiry, whatever the map's configuration says
            ((ExtendedMapEntry<CounterBucket, StoredEntry>) entry).setValue(value, 0, TimeUnit.SECONDS);
        }
    }
}
