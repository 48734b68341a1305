package io.livecount.spi;

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
}
