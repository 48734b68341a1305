package io.livecount.internal.writeback;

import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterCache;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import io.livecount.spi.EntryProcessingCache;
import java.util.Objects;

/**
 * How core changes entries, written once for every provider: the compare-and-swap retry loop (read
 * the entry, compute the next one with a pure function, store it only if the entry is still the one
 * read), or, for an {@link EntryProcessingCache}, the same function sent to where the entry lives.
 */
final class CacheAccess {

    private final CounterCache cache;
    private final EntryProcessingCache processing; // null: the compare-and-swap loop

    CacheAccess(CounterCache cache) {
        this.cache = cache;
        this.processing = cache instanceof EntryProcessingCache applies ? applies : null;
    }

    CounterCache cache() {
        return cache;
    }

    CounterEntry get(BucketKey key) {
        return cache.get(key);
    }

    /**
     * Atomically replaces the entry by {@code change.apply(entry)} (null: no entry) and returns the
     * new entry. {@code change} may run several times and must not have side effects; what it
     * throws propagates and leaves the entry unchanged.
     */
    CounterEntry update(BucketKey key, EntryChange change) {
        if (processing != null) {
            return processing.apply(key, change);
        }
        while (true) {
            CounterEntry current = cache.get(key);
            CounterEntry next = change.apply(current);
            if (Objects.equals(current, next) || tryStore(key, current, next)) {
                return next;
            }
            Thread.onSpinWait();
        }
    }

    /** Replaces {@code expected} by {@code next} once, without retrying; returns whether it did. */
    boolean tryStore(BucketKey key, CounterEntry expected, CounterEntry next) {
        if (processing != null) {
            try {
                processing.apply(key, new Entries.Swap(expected, next));
                return true;
            } catch (EntryChange.Rejected stale) {
                return false;
            }
        }
        if (expected == null) {
            return next == null || cache.putIfAbsent(key, next) == null;
        }
        if (next == null) {
            return cache.remove(key, expected);
        }
        return cache.replace(key, expected, next);
    }
}
