package io.livecount.internal.writeback;

import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import java.util.Objects;

/**
 * What each operation does to a {@link CounterEntry}: pure functions, so that every provider
 * applies them the same way (compare-and-swap loop or entry processor). Null stands for "no entry".
 *
 * <p>The changes handed to a cache are the small records below rather than lambdas: a provider
 * that runs them on another member serializes them, and a record of a few longs serializes
 * quickly and in a form that does not depend on how the compiler names lambdas.
 */
final class Entries {

    private Entries() {}

    /** {@link #add}. */
    record Add(long delta) implements EntryChange {
        @Override
        public CounterEntry apply(CounterEntry current) {
            return add(current, delta);
        }
    }

    /** {@link #beginFlush}. */
    record BeginFlush(long flushId) implements EntryChange {
        @Override
        public CounterEntry apply(CounterEntry current) {
            return beginFlush(current, flushId);
        }
    }

    /** {@link #completeFlush}. */
    record CompleteFlush(long flushId) implements EntryChange {
        @Override
        public CounterEntry apply(CounterEntry current) {
            return completeFlush(current, flushId);
        }
    }

    /** {@link #completeFlush} of {@code committedId}, then {@link #beginFlush} of {@code flushId}: one change instead of two. */
    record CompleteAndBegin(long committedId, long flushId) implements EntryChange {
        @Override
        public CounterEntry apply(CounterEntry current) {
            return beginFlush(completeFlush(current, committedId), flushId);
        }
    }

    /** {@link #renameFlush}. */
    record RenameFlush(long oldId, long newId) implements EntryChange {
        @Override
        public CounterEntry apply(CounterEntry current) {
            return renameFlush(current, oldId, newId);
        }
    }

    /** {@link #forgetStored}. */
    record ForgetStored() implements EntryChange {
        @Override
        public CounterEntry apply(CounterEntry current) {
            return forgetStored(current);
        }
    }

    /** Replaces {@code expected} by {@code next}; rejected when the entry is another one. */
    record Swap(CounterEntry expected, CounterEntry next) implements EntryChange {
        @Override
        public CounterEntry apply(CounterEntry current) {
            if (!Objects.equals(current, expected)) {
                throw new EntryChange.Rejected(); // an equal result would not tell whether this swap happened
            }
            return next;
        }
    }

    /**
     * Adds {@code delta} to the pending part.
     *
     * @throws ArithmeticException if the pending part, or the value the entry shows, would leave
     *     the range of a long
     */
    static CounterEntry add(CounterEntry entry, long delta) {
        if (entry == null) {
            return new CounterEntry(0, delta, 0, 0, 0);
        }
        long pending = Math.addExact(entry.pending(), delta);
        if (entry.isLoaded()) {
            Math.addExact(Math.addExact(entry.stored(), entry.inflight()), pending);
        }
        return new CounterEntry(entry.stored(), pending, entry.inflight(), entry.flushId(), entry.loadedAt());
    }

    /**
     * Moves the pending part into write-back {@code flushId}. An entry whose previous write-back is
     * still unresolved keeps it: that one is retried with exactly the deltas it took.
     */
    static CounterEntry beginFlush(CounterEntry entry, long flushId) {
        if (entry == null || entry.inflight() != 0 || entry.pending() == 0) {
            return entry;
        }
        return new CounterEntry(entry.stored(), 0, entry.pending(), flushId, entry.loadedAt());
    }

    /** Write-back {@code flushId} committed: its deltas are now part of the stored value. */
    static CounterEntry completeFlush(CounterEntry entry, long flushId) {
        if (entry == null || entry.flushId() != flushId || entry.inflight() == 0) {
            return entry;
        }
        if (!entry.isLoaded() && entry.pending() == 0) {
            return null; // nothing left to keep
        }
        long stored = entry.isLoaded() ? entry.stored() + entry.inflight() : 0;
        return new CounterEntry(stored, entry.pending(), 0, flushId, entry.loadedAt());
    }

    /** Gives a write-back in flight a new id (to retry its rows one by one). */
    static CounterEntry renameFlush(CounterEntry entry, long oldId, long newId) {
        if (entry == null || entry.flushId() != oldId || entry.inflight() == 0) {
            return entry;
        }
        return new CounterEntry(entry.stored(), entry.pending(), entry.inflight(), newId, entry.loadedAt());
    }

    /**
     * Records the database value, given the value {@code total} the entry shows at that point
     * (database value plus what the database did not hold yet). Only when the entry is the one the
     * read was checked against; otherwise unchanged.
     */
    static CounterEntry loaded(CounterEntry entry, long total, long nowMillis) {
        long loadedAt = Math.max(1, nowMillis);
        if (entry == null) {
            return new CounterEntry(total, 0, 0, 0, loadedAt);
        }
        long stored = total - entry.inflight() - entry.pending();
        return new CounterEntry(stored, entry.pending(), entry.inflight(), entry.flushId(), loadedAt);
    }

    /** Forgets the stored value (the database changed behind the cache), keeping the deltas. */
    static CounterEntry forgetStored(CounterEntry entry) {
        if (entry == null || !entry.isLoaded()) {
            return entry;
        }
        return new CounterEntry(0, entry.pending(), entry.inflight(), entry.flushId(), 0);
    }

    /** The value the entry shows: stored plus everything not yet written. Requires a loaded entry. */
    static long total(CounterEntry entry) {
        return entry.stored() + entry.inflight() + entry.pending();
    }
}
