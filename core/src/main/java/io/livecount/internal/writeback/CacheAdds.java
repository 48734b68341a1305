package io.livecount.internal.writeback;

import io.livecount.CommitOutcomeUnknownException;
import io.livecount.CounterUnavailableException;
import io.livecount.LivecountException;
import io.livecount.WriteBackConfig;
import io.livecount.internal.store.Row;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import java.util.List;

/**
 * How an add's rows go into the cache: every row or none, the ALL row of {@code addAndGet} on a
 * loaded entry, and the write-back triggers an add can fire. Thread-safe.
 */
final class CacheAdds {

    private final WriteBackConfig settings;
    private final CacheAccess cache;
    private final SnapshotReads reads;
    private final Runnable requestFlush;

    CacheAdds(WriteBackConfig settings, CacheAccess cache, SnapshotReads reads, Runnable requestFlush) {
        this.settings = settings;
        this.cache = cache;
        this.reads = reads;
        this.requestFlush = requestFlush;
    }

    /** Adds every row, the ALL row last, and returns the total this node sees after it. */
    long addAndGet(List<Row> rows) {
        Row all = rows.get(rows.size() - 1); // bucketing puts ALL last
        addRows(rows.subList(0, rows.size() - 1));
        try {
            return addToLoadedEntry(all.id(), all.delta());
        } catch (ArithmeticException overflow) {
            undo(rows.subList(0, rows.size() - 1));
            throw overflow;
        } catch (CounterUnavailableException refused) {
            throw undoneAfter(rows.subList(0, rows.size() - 1), refused);
        }
    }

    /**
     * Adds every row, or none: an overflow or a refusal of the cache undoes the rows already added
     * and propagates.
     */
    void addRows(List<Row> rows) {
        for (int i = 0; i < rows.size(); i++) {
            try {
                addToEntry(rows.get(i).id(), rows.get(i).delta());
            } catch (ArithmeticException overflow) {
                undo(rows.subList(0, i));
                throw new BucketOverflow(rows.get(i));
            } catch (CounterUnavailableException refused) {
                throw undoneAfter(rows.subList(0, i), refused);
            }
        }
    }

    /**
     * What an add throws when the cache refused one of its rows after {@code added} went in (a
     * distributed cache may refuse only the entries of one member): the refusal once they are
     * undone, so that it still means "nothing applied"; an unknown outcome if the undo fails too.
     */
    private LivecountException undoneAfter(List<Row> added, CounterUnavailableException refused) {
        try {
            undo(added);
            return refused;
        } catch (RuntimeException undoFailed) {
            refused.addSuppressed(undoFailed);
            return new CommitOutcomeUnknownException(
                    "the cache refused part of the add, and the parts already applied could not be undone: "
                            + refused.getMessage(),
                    refused);
        }
    }

    /** An add refused because one of its buckets would overflow; names the bucket. */
    static final class BucketOverflow extends ArithmeticException {
        private static final long serialVersionUID = 1L;
        final transient BucketKey bucket;
        final long delta;

        BucketOverflow(Row row) {
            super("the add would overflow " + row.id() + "; nothing was added");
            this.bucket = row.id();
            this.delta = row.delta();
        }
    }

    private void undo(List<Row> added) {
        for (Row row : added) {
            cache.update(row.id(), new Entries.Add(-row.delta()));
        }
    }

    private void addToEntry(BucketKey key, long delta) {
        CounterEntry entry = cache.update(key, new Entries.Add(delta));
        afterAdd(entry, delta);
    }

    private long addToLoadedEntry(BucketKey key, long delta) {
        long refresh = settings.readRefresh().toMillis();
        while (true) {
            CounterEntry current = cache.get(key);
            if (!reads.isFresh(current, refresh)) {
                reads.totals(List.of(key), refresh);
                refresh = Math.max(refresh, 1_000); // just loaded: do not reload forever under churn
                continue;
            }
            CounterEntry next = Entries.add(current, delta);
            if (cache.tryStore(key, current, next)) {
                afterAdd(next, delta);
                return Entries.total(next);
            }
        }
    }

    /** Requests a write-back when a trigger is reached. Never throws: the add is applied already. */
    private void afterAdd(CounterEntry entry, long delta) {
        long threshold = settings.flushThreshold();
        boolean overThreshold = threshold > 0 && entry != null && Math.abs(entry.pending()) >= threshold;
        // its first pending delta since the last take (the entry may still hold a committed write-back)
        boolean newlyDirty = entry != null && entry.pending() == delta;
        if (overThreshold || newlyDirty && tooManyDirty()) {
            requestFlush.run();
        }
    }

    /**
     * Whether the dirty counters reached {@code maxDirtyCounters}. A cache that cannot count now (a
     * distributed one on a member cut off from the others) counts as full: a caller whose add was
     * applied must not be told it failed, and an extra write-back costs little.
     */
    private boolean tooManyDirty() {
        try {
            return cache.cache().dirtyCount() >= settings.maxDirtyCounters();
        } catch (RuntimeException countFailed) {
            return true;
        }
    }
}
