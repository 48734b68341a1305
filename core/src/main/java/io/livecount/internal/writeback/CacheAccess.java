package io.livecount.internal.writeback;

import io.livecount.CommitOutcomeUnknownException;
import io.livecount.CounterUnavailableException;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CacheOutcomeUnknownException;
import io.livecount.spi.CacheUnavailableException;
import io.livecount.spi.CounterCache;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import io.livecount.spi.EntryProcessingCache;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How core changes entries, written once for every provider: the compare-and-swap retry loop (read
 * the entry, compute the next one with a pure function, store it only if the entry is still the one
 * read), or, for an {@link EntryProcessingCache}, the same function sent to where the entry lives.
 *
 * <p>Every call of the provider goes through here, so this is where the provider's failure kinds
 * become Livecount's: {@link CacheOutcomeUnknownException} a {@link CommitOutcomeUnknownException},
 * {@link CacheUnavailableException} a {@link CounterUnavailableException}. Anything else a provider
 * or a change throws (an overflow, {@link EntryChange.Rejected}) propagates as it is.
 */
final class CacheAccess {

    private final CounterCache provider;
    private final EntryProcessingCache processing; // null: the compare-and-swap loop
    private final CounterCache cache = new Translated();

    CacheAccess(CounterCache provider) {
        this.provider = provider;
        this.processing = provider instanceof EntryProcessingCache applies ? applies : null;
    }

    /** The provider's cache, its failures translated like those of the methods here. */
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
            return translated(() -> processing.apply(key, change));
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
                translated(() -> processing.apply(key, new Entries.Swap(expected, next)));
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

    private static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (CacheOutcomeUnknownException unknown) {
            throw new CommitOutcomeUnknownException(
                    "the cache could not tell whether a change ran, so an add may or may not have been applied"
                            + " (read the counter to find out): " + unknown.getMessage(),
                    unknown);
        } catch (CacheUnavailableException unavailable) {
            throw new CounterUnavailableException(
                    "the cache is unavailable and changed nothing: " + unavailable.getMessage(), unavailable);
        }
    }

    /** The provider's operations, each through {@link #translated}. */
    private final class Translated implements CounterCache {
        @Override
        public CounterEntry get(BucketKey key) {
            return translated(() -> provider.get(key));
        }

        @Override
        public CounterEntry putIfAbsent(BucketKey key, CounterEntry entry) {
            return translated(() -> provider.putIfAbsent(key, entry));
        }

        @Override
        public boolean replace(BucketKey key, CounterEntry expected, CounterEntry replacement) {
            return translated(() -> provider.replace(key, expected, replacement));
        }

        @Override
        public boolean remove(BucketKey key, CounterEntry expected) {
            return translated(() -> provider.remove(key, expected));
        }

        @Override
        public Collection<BucketKey> dirtyKeys() {
            return translated(provider::dirtyKeys);
        }

        @Override
        public long dirtyCount() {
            return translated(provider::dirtyCount);
        }

        @Override
        public void close() {
            translated(() -> {
                provider.close();
                return null;
            });
        }
    }
}
