package io.livecount.spi;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

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
     * Applies {@code change} to each key, atomically per key (not across keys), and returns the new
     * entries (a key without an entry afterwards maps to null or is absent). A provider sends them
     * together where it can: one add updates several period buckets, one write-back takes and
     * completes thousands of entries. The default applies them one by one.
     *
     * @throws PartlyApplied if the change threw for some key; it names the keys it was applied to
     */
    default Map<BucketKey, CounterEntry> applyAll(Collection<BucketKey> keys, EntryChange change) {
        Map<BucketKey, CounterEntry> applied = new HashMap<>();
        for (BucketKey key : keys) {
            try {
                applied.put(key, apply(key, change));
            } catch (RuntimeException thrown) {
                throw new PartlyApplied(applied, thrown);
            }
        }
        return applied;
    }

    /** {@link #applyAll} failed for some key: {@link #applied()} says where the change did apply. */
    final class PartlyApplied extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Map<BucketKey, CounterEntry> applied;

        public PartlyApplied(Map<BucketKey, CounterEntry> applied, RuntimeException cause) {
            super("the change applied to " + applied.size() + " key(s) only: " + cause.getMessage(), cause);
            this.applied = Collections.unmodifiableMap(new HashMap<>(applied)); // values may be null
        }

        /** The keys the change applied to, with their new entries (null: removed). */
        public Map<BucketKey, CounterEntry> applied() {
            return applied;
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }
}
