package io.livecount.internal.writeback;

import io.livecount.CommitOutcomeUnknownException;
import io.livecount.CounterKey;
import io.livecount.CounterUnavailableException;
import io.livecount.LivecountConfig;
import io.livecount.LivecountException;
import io.livecount.WriteBackConfig;
import io.livecount.WriteBackMetrics;
import io.livecount.internal.Bucketing;
import io.livecount.internal.store.Row;
import io.livecount.internal.store.Transactor;
import io.livecount.internal.store.WriteBackStore;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * FAST mode of one service: adds into the cache (or the local window), reads that include what is
 * not yet written, and the write-back engine. Adds never touch the database, except under the
 * {@link WriteBackConfig.BacklogPolicy#WRITE_THROUGH} policy.
 *
 * <p>Thread-safe.
 */
public final class WriteBack {

    /** Commits an add the STRICT way: the write-through policy. */
    public interface StrictPath {
        long commit(CounterKey key, long delta, List<Row> rows, boolean wantsValue);
    }

    private static final System.Logger LOG = System.getLogger(WriteBack.class.getName());

    private final LivecountConfig config;
    private final WriteBackConfig settings;
    private final Bucketing bucketing;
    private final CacheAccess cache;
    private final StrictPath strict;
    private final LocalWindow window;
    private final FlushCycle cycle;
    private final WriteBackEngine engine;
    private final SnapshotReads reads;
    private final BacklogGate backlog;
    private final LongAdder addsInProgress = new LongAdder();
    private volatile boolean closed;

    public WriteBack(
            LivecountConfig config,
            Bucketing bucketing,
            Transactor transactor,
            WriteBackStore store,
            StrictPath strict) {
        this.config = config;
        this.settings = config.writeBack();
        this.bucketing = bucketing;
        this.cache = new CacheAccess(settings.cache());
        this.strict = strict;
        this.window = settings.localWindow().isZero() ? null : new LocalWindow();
        this.cycle = new FlushCycle(cache, transactor, store, settings.parallelStatements());
        this.engine = new WriteBackEngine(settings, cycle, this::drainWindow, transactor, store);
        this.reads = new SnapshotReads(cache, transactor, store);
        this.backlog = new BacklogGate(settings, cache, engine::requestFlush, () -> closed);
        engine.start();
    }

    /** A FAST add; {@code eventTime} null means now. Goes through the local window when it is on. */
    public void add(CounterKey key, long delta, Instant eventTime) {
        if (window != null) {
            if (eventTime != null) {
                bucketing.rows(key, delta, eventTime); // an impossible time fails here, not in the window
            }
            if (backlog.admits(List.of())) {
                window.add(key, windowSecond(key, eventTime), delta); // counted in pendingTotal when drained
                return;
            }
        }
        enter();
        try {
            List<Row> rows = bucketing.rows(key, delta, eventTime);
            if (!backlog.admits(rows)) {
                strict.commit(key, delta, rows, false);
                invalidate(rows);
                return;
            }
            addRows(rows);
            cycle.pendingTotal.add(delta);
        } finally {
            addsInProgress.decrement();
        }
    }

    /** A FAST add that returns the all-time value this node sees right after it (bypasses the window). */
    public long addAndGet(CounterKey key, long delta, Instant eventTime) {
        enter();
        try {
            drainWindow();
            List<Row> rows = bucketing.rows(key, delta, eventTime);
            if (!backlog.admits(rows)) {
                long value = strict.commit(key, delta, rows, true);
                invalidate(rows);
                return value;
            }
            Row all = rows.get(rows.size() - 1); // bucketing puts ALL last
            addRows(rows.subList(0, rows.size() - 1));
            try {
                long total = addToLoadedEntry(all.id(), delta);
                cycle.pendingTotal.add(delta);
                return total;
            } catch (ArithmeticException overflow) {
                undo(rows.subList(0, rows.size() - 1));
                throw overflow;
            } catch (CounterUnavailableException refused) {
                throw undoneAfter(rows.subList(0, rows.size() - 1), refused);
            }
        } finally {
            addsInProgress.decrement();
        }
    }

    private void enter() {
        addsInProgress.increment();
        if (closed) {
            addsInProgress.decrement();
            throw new IllegalStateException("this CounterService is closed");
        }
    }

    private long windowSecond(CounterKey key, Instant eventTime) {
        if (config.namespace(key.namespace()).periods().size() == 1) {
            return LocalWindow.ANY_TIME; // ALL only: the time does not matter
        }
        return eventTime != null ? eventTime.getEpochSecond() : config.clock().millis() / 1000;
    }

    /**
     * Adds every row, or none: an overflow or a refusal of the cache undoes the rows already added
     * and propagates.
     */
    private void addRows(List<Row> rows) {
        for (int i = 0; i < rows.size(); i++) {
            try {
                addToEntry(rows.get(i).id(), rows.get(i).delta());
            } catch (ArithmeticException overflow) {
                undo(rows.subList(0, i));
                throw new ArithmeticException(
                        "the add would overflow " + rows.get(i).id() + "; nothing was added");
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
            engine.requestFlush();
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

    /** Moves the local window into the cache; one drain at a time, so a flush sees all before it. */
    private void drainWindow() {
        if (window == null) {
            return;
        }
        synchronized (window) {
            window.drain((slot, sum) -> {
                Instant at =
                        slot.second() == LocalWindow.ANY_TIME ? Instant.EPOCH : Instant.ofEpochSecond(slot.second());
                try {
                    addRows(bucketing.rows(slot.key(), sum, at));
                    cycle.pendingTotal.add(sum);
                } catch (ArithmeticException overflow) {
                    LOG.log(
                            System.Logger.Level.ERROR,
                            "a local-window sum of " + sum + " for " + slot.key()
                                    + " would overflow its counter; it stays in the window and is retried",
                            overflow);
                    window.add(slot.key(), slot.second(), sum); // into this thread's buffer: never dropped
                }
            });
        }
    }

    /** Totals of buckets this node sees; cached values answer when {@code cached}. */
    public Map<BucketKey, Long> totals(List<BucketKey> buckets, boolean cached) {
        drainWindow();
        return reads.totals(buckets, cached ? settings.readRefresh().toMillis() : -1);
    }

    /** Totals of one counter's consecutive buckets, ending with {@code lastStart}, in one range read. */
    public Map<BucketKey, Long> rangeTotals(List<BucketKey> buckets, long lastStart) {
        drainWindow();
        return reads.rangeTotals(buckets, lastStart);
    }

    /** The database changed these buckets behind the cache (a STRICT add): reload them on read. */
    public void invalidate(List<Row> rows) {
        for (Row row : rows) {
            if (cache.get(row.id()) != null) {
                cache.update(row.id(), new Entries.ForgetStored());
            }
        }
    }

    /** Rows were deleted: reload every cached value. */
    public void invalidateAll() {
        reads.invalidateAll();
    }

    public void flush() {
        engine.flush();
    }

    public WriteBackMetrics metrics() {
        return engine.metrics(cache.cache().dirtyCount());
    }

    /** Refuses new adds, waits for those in progress, writes everything, closes the cache. */
    public void close() {
        closed = true;
        if (window != null) {
            window.close(); // the engine's last pass drains what it accepted
        }
        while (addsInProgress.sum() != 0) {
            Thread.onSpinWait();
        }
        try {
            engine.close(cache.cache().dirtyCount());
        } finally {
            cache.cache().close();
        }
    }
}
