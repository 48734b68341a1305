package io.livecount.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import io.livecount.spi.BucketKey;
import java.util.Map;

/** The backup side of {@link ApplyChange}: sets the entry its owner computed (null: removes it). */
public final class SetEntry implements EntryProcessor<BucketKey, StoredEntry, Object> {

    private static final long serialVersionUID = 1L;

    private final StoredEntry value;
    private final long cleanTtlSeconds;

    public SetEntry(StoredEntry value, long cleanTtlSeconds) {
        this.value = value;
        this.cleanTtlSeconds = cleanTtlSeconds;
    }

    StoredEntry value() {
        return value;
    }

    long cleanTtlSeconds() {
        return cleanTtlSeconds;
    }

    @Override
    public Object process(Map.Entry<BucketKey, StoredEntry> entry) {
        store(entry, value, cleanTtlSeconds);
        return null;
    }

    @Override
    public EntryProcessor<BucketKey, StoredEntry, Object> getBackupProcessor() {
        return null; // a backup processor has no backup of its own
    }

    static void store(Map.Entry<BucketKey, StoredEntry> entry, StoredEntry value, long cleanTtlSeconds) {
        if (value == null) {
            entry.setValue(null); // removes the entry
        } else {
            ApplyChange.setWithTtl(entry, value, cleanTtlSeconds);
        }
    }
}
