package io.livecount.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * A cache that runs an {@link EntryChange} atomically where the entry lives (a Hazelcast entry
 * processor, {@code ConcurrentHashMap.compute}). Core then applies every change through {@link
 * #apply} instead of its compare-and-swap loop over {@link #get}, {@link #putIfAbsent}, {@link
 * #replace} and {@link #remove}; those must still work for direct reads.
 */
public interface EntryProcessingCache extends CounterCache {

    /**
     * Atomically replaces the entry of {@code key} by {@code change.apply(entry)} and returns the
     * new entry (null: removed). What {@code change} throws propagates, {@link EntryChange.Rejected}
     * included, and the entry is unchanged.
     */
    CounterEntry apply(BucketKey key, EntryChange change);

    /**
     * Applies {@code change} to the entry of each key, each atomically on its own (nothing is atomic
     * across keys), and returns the new entries in the order of {@code keys}. Write-back uses it to
     * take and to complete the deltas of a batch. The default calls {@link #apply} for one key after
     * the other; a provider whose calls travel over the network may send them all at once. If it
     * throws, any subset of the keys may have been changed.
     */
    default List<CounterEntry> applyToEach(List<BucketKey> keys, EntryChange change) {
        List<CounterEntry> entries = new ArrayList<>(keys.size());
        for (BucketKey key : keys) {
            entries.add(apply(key, change));
        }
        return entries;
    }
}
