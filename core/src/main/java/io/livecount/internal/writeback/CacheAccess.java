package io.livecount.internal.writeback;

import io.livecount.CommitOutcomeUnknownException;
import io.livecount.CounterKey;
import io.livecount.CounterUnavailableException;
import io.livecount.LivecountException;
import io.livecount.internal.store.Row;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CacheOutcomeUnknownException;
import io.livecount.spi.CacheUnavailableException;
import io.livecount.spi.CounterCache;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.DeleteParticipant;
import io.livecount.spi.EntryChange;
import io.livecount.spi.EntryProcessingCache;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    private final WriteCounts writes;

    CacheAccess(CounterCache provider) {
        this.provider = provider;
        this.processing = provider instanceof EntryProcessingCache applies ? applies : null;
        this.writes = new WriteCounts(provider);
    }

    /** The provider's cache, its failures translated like those of the methods here. */
    CounterCache cache() {
        return cache;
    }

    CounterEntry get(BucketKey key) {
        return cache.get(key);
    }

    /**
     * A number that changes whenever the database changed behind the cache, for one of {@code
     * counters}, in a way a read cannot see in the entries: see {@link WriteCounts}.
     */
    long changes(Collection<CounterKey> counters) {
        try {
            return writes.of(counters);
        } catch (CacheOutcomeUnknownException | CacheUnavailableException failure) {
            throw translated(failure);
        }
    }

    /**
     * Moves {@link #changes} of {@code counters} on this node and on every node sharing the cache:
     * call it after the database changed and before their entries are completed or marked stale.
     */
    void countChanges(Collection<CounterKey> counters) {
        if (counters.isEmpty()) {
            return;
        }
        try {
            writes.count(counters);
        } catch (CacheOutcomeUnknownException | CacheUnavailableException failure) {
            throw translated(failure);
        }
    }

    /**
     * Atomically replaces the entry by {@code change.apply(entry)} (null: no entry) and returns the
     * new entry. {@code change} may run several times and must not have side effects; what it
     * throws propagates and leaves the entry unchanged.
     */
    CounterEntry update(BucketKey key, EntryChange change) {
        if (processing != null) {
            try {
                return processing.apply(key, change);
            } catch (CacheOutcomeUnknownException | CacheUnavailableException failure) {
                throw translated(failure);
            }
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
            } catch (CacheOutcomeUnknownException | CacheUnavailableException failure) {
                throw translated(failure);
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

    /**
     * The database changed these buckets behind the cache (a STRICT add): reload them on read.
     * {@code cachedByReads}: the buckets may be cached by reads that load them (a FAST counter's):
     * {@link #changes} moves first.
     */
    void forgetStored(List<Row> rows, boolean cachedByReads) {
        if (cachedByReads) {
            countChanges(counters(rows.stream().map(Row::id)));
        }
        for (Row row : rows) {
            if (cache.get(row.id()) != null) {
                update(row.id(), new Entries.ForgetStored());
            }
        }
    }

    /** The distinct counters of some buckets. */
    static Set<CounterKey> counters(Stream<BucketKey> buckets) {
        return buckets.map(BucketKey::key).collect(Collectors.toSet());
    }

    /** See {@link CounterCache#joinDeletes}. */
    boolean joinDeletes(DeleteParticipant thisNode) {
        try {
            return provider.joinDeletes(thisNode);
        } catch (CacheOutcomeUnknownException | CacheUnavailableException failure) {
            throw translated(failure);
        }
    }

    /** See {@link CounterCache#deleteOnEveryNode}; what {@code deleteRows} throws passes as it is. */
    <T> T deleteOnEveryNode(CounterKey counter, Supplier<T> deleteRows) {
        try {
            return provider.deleteOnEveryNode(counter, deleteRows);
        } catch (CacheOutcomeUnknownException | CacheUnavailableException failure) {
            throw translated(failure);
        }
    }

    /** Livecount's exception for one of the provider's two failure kinds. */
    private static LivecountException translated(RuntimeException failure) {
        if (failure instanceof CacheOutcomeUnknownException) {
            return new CommitOutcomeUnknownException(
                    "the cache could not tell whether a change ran, so an add may or may not have been applied"
                            + " (read the counter to find out): " + failure.getMessage(),
                    failure);
        }
        return new CounterUnavailableException(
                "the cache is unavailable and changed nothing: " + failure.getMessage(), failure);
    }

    /**
     * The provider's operations, their failures through {@link #translated}. (A try in each method
     * rather than one taking a lambda: this is every add's path, and a lambda would allocate.)
     */
    private final class Translated implements CounterCache {
        @Override
        public CounterEntry get(BucketKey key) {
            try {
                return provider.get(key);
            } catch (CacheOutcomeUnknownException | CacheUnavailableException failure) {
                throw translated(failure);
            }
        }

        @Override
        public CounterEntry putIfAbsent(BucketKey key, CounterEntry entry) {
            try {
                return provider.putIfAbsent(key, entry);
            } catch (CacheOutcomeUnknownException | CacheUnavailableException failure) {
                throw translated(failure);
            }
        }

        @Override
        public boolean replace(BucketKey key, CounterEntry expected, CounterEntry replacement) {
            try {
                return provider.replace(key, expected, replacement);
            } catch (CacheOutcomeUnknownException | CacheUnavailableException failure) {
                throw translated(failure);
            }
        }

        @Override
        public boolean remove(BucketKey key, CounterEntry expected) {
            try {
                return provider.remove(key, expected);
            } catch (CacheOutcomeUnknownException | CacheUnavailableException failure) {
                throw translated(failure);
            }
        }

        @Override
        public Collection<BucketKey> dirtyKeys() {
            try {
                return provider.dirtyKeys();
            } catch (CacheOutcomeUnknownException | CacheUnavailableException failure) {
                throw translated(failure);
            }
        }

        @Override
        public long dirtyCount() {
            try {
                return provider.dirtyCount();
            } catch (CacheOutcomeUnknownException | CacheUnavailableException failure) {
                throw translated(failure);
            }
        }

        @Override
        public void close() {
            try {
                provider.close();
            } catch (CacheOutcomeUnknownException | CacheUnavailableException failure) {
                throw translated(failure);
            }
        }
    }
}
