package io.livecount.hazelcast.internal;

import com.hazelcast.query.Predicate;
import io.livecount.spi.BucketKey;
import java.util.Map;

/** Selects the entries with deltas not yet written back. */
public final class DirtyEntries implements Predicate<BucketKey, StoredEntry> {

    private static final long serialVersionUID = 1L;

    public static final DirtyEntries INSTANCE = new DirtyEntries();

    @Override
    public boolean apply(Map.Entry<BucketKey, StoredEntry> entry) {
        StoredEntry value = entry.getValue();
        return value != null && value.entry().isDirty();
    }
}
