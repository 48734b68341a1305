package io.livecount.hazelcast.internal;

import com.hazelcast.query.Predicate;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import java.util.Map;

/** Selects the entries with deltas not yet written back. */
public final class DirtyEntries implements Predicate<BucketKey, CounterEntry> {

    private static final long serialVersionUID = 1L;

    public static final DirtyEntries INSTANCE = new DirtyEntries();

    @Override
    public boolean apply(Map.Entry<BucketKey, CounterEntry> entry) {
        CounterEntry value = entry.getValue();
        return value != null && value.isDirty();
    }
}
