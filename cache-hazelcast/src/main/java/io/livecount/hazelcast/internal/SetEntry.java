package io.livecount.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import java.util.Map;

/** The backup side of {@link ApplyChange}: sets the entry its owner computed (null: removes it). */
public final class SetEntry implements EntryProcessor<BucketKey, CounterEntry, Object> {

    private static final long serialVersionUID = 1L;

    private final CounterEntry value;
    private final long cleanTtlSeconds;

    public SetEntry(CounterEntry value, long cleanTtlSeconds) {
        this.value = value;
        this.cleanTtlSeconds = cleanTtlSeconds;
    }

    CounterEntry value() {
        return value;
    }

    long cleanTtlSeconds() {
        return cleanTtlSeconds;
    }

    @Override
    public Object process(Map.Entry<BucketKey, CounterEntry> entry) {
        store(entry, value, cleanTtlSeconds);
        return null;
    }

    @Override
    public EntryProcessor<BucketKey, CounterEntry, Object> getBackupProcessor() {
        return null; // a backup processor has no backup of its own
    }

    static void store(Map.Entry<BucketKey, CounterEntry> entry, CounterEntry value, long cleanTtlSeconds) {
        if (value == null) {
            entry.setValue(null); // removes the entry
        } else {
            ApplyChange.setWithTtl(entry, value, ApplyChange.ttlSeconds(value, cleanTtlSeconds));
        }
    }
}
