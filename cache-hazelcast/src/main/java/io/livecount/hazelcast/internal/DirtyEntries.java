package io.livecount.hazelcast.internal;

import com.hazelcast.query.Predicate;
import java.util.Map;

/** Selects the entries with deltas not yet written back. */
public final class DirtyEntries implements Predicate<CounterBucket, StoredEntry> {

    private static final long serialVersionUID = 1L;

    public static final DirtyEntries INSTANCE = new DirtyEntries();

    @Override
    public boolean apply(Map.Entry<CounterBucket, StoredEntry> entry) {
        StoredEntry value = entry.getValue();
        return value != null && value.isDirty();
    }
}
