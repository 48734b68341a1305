package io.livecount.internal.writeback;

import io.livecount.CounterKey;
import io.livecount.CounterValue;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import io.livecount.WriteBackConfig;
import io.livecount.WriteBackMetrics;
import io.livecount.internal.Bucketing;
import io.livecount.internal.store.IdempotencyStore;
import io.livecount.internal.store.Row;
import io.livecount.internal.store.Transactor;
import io.livecount.internal.store.WriteBackStore;
import io.livecount.spi.BucketKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

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
        long commit(CounterKey key, long delta, List<Row> rows, boolean wantsValue, String idempotencyKey);
    }

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
    private final CacheAdds adds;
    private final AddGate gate = new AddGate();
    private final CounterHolds holds;
    private final KeyedAdds keyed;
    private final WindowDrain drain;
    private final FastReads fastReads;
    private final boolean deletesOnEveryNode;
    private final LongAdder addsInProgress = new LongAdder();
    private volatile boolean closed;

    public WriteBack(
            LivecountConfig config,
            Bucketing bucketing,
            Transactor transactor,
            WriteBackStore store,
            IdempotencyStore keys,
            StrictPath strict) {
        this.config = config;
        this.settings = config.writeBack();
        this.bucketing = bucketing;
        this.cache = new CacheAccess(settings.cacheFactory().create()); // this service's own: close() closes it
        this.strict = strict;
        this.window = settings.localWindow().isZero() ? null : new LocalWindow();
        this.cycle = new FlushCycle(cache, transactor, store, settings.parallelStatements(), gate);
        this.keyed = new KeyedAdds(
                transactor,
                store,
                keys,
                () -> config.clock().millis() / 1000,
                cycle.pendingTotal,
                cycle.statements,
                cycle.unwritable);
        this.engine = new WriteBackEngine(
                settings,
                cycle,
                this::drainWindow,
                () -> keyed.write(key -> true, this::invalidate),
                transactor,
                store);
        this.reads = new SnapshotReads(cache, transactor, store);
        this.adds = new CacheAdds(settings, cache, reads, engine::requestFlush);
        this.drain = window == null ? null : new WindowDrain(window, bucketing, gate, adds, cycle, this::invalidate);
        this.fastReads = new FastReads(config, cache, reads, keyed, this::drainWindow);
        this.backlog = new BacklogGate(settings, cache, keyed::size, engine::requestFlush, () -> closed);
        this.holds =
                new CounterHolds(engine, window, this::drainWindow, gate, this::writeCounter, this::discardCounter);
        engine.start();
        this.deletesOnEveryNode = cache.joinDeletes(holds);
    }

    /**
     * A FAST add; {@code eventTime} null means now, {@code idempotencyKey} null none. Goes through
     * the local window when it is on, unless it has a key.
     */
    public void add(CounterKey key, long delta, Instant eventTime, String idempotencyKey) {
        if (idempotencyKey != null) {
            addKeyed(key, delta, eventTime, idempotencyKey, false);
            return;
        }
        if (delta == 0) {
            bucketing.rows(key, 0, eventTime); // an impossible time fails all the same; nothing else to do
            return;
        }
        if (window != null) {
            if (eventTime != null) {
                bucketing.rows(key, delta, eventTime); // an impossible time fails here, not in the window
            }
            if (backlog.admits(List.of())) {
                // one change of one buffer: never half done, so a delete needs no gate here (see deleting)
                window.add(key, windowSecond(key, eventTime), delta); // counted in pendingTotal when drained
                return;
            }
        }
        enter();
        try {
            List<Row> rows = bucketing.rows(key, delta, eventTime);
            if (!backlog.admits(rows)) {
                strict.commit(key, delta, rows, false, null);
                invalidate(rows);
                return;
            }
            long stamp = gate.enterAdd(key);
            try {
                adds.addRows(rows);
            } finally {
                gate.exitAdd(key, stamp);
            }
            cycle.pendingTotal.add(delta);
        } finally {
            addsInProgress.decrement();
        }
    }

    /** A FAST add that returns the all-time value this node sees right after it (bypasses the window). */
    public long addAndGet(CounterKey key, long delta, Instant eventTime, String idempotencyKey) {
        if (idempotencyKey != null) {
            return addKeyed(key, delta, eventTime, idempotencyKey, true);
        }
        enter();
        try {
            drainWindow();
            List<Row> rows = bucketing.rows(key, delta, eventTime);
            if (delta == 0) {
                return allTime(rows);
            }
            if (!backlog.admits(rows)) {
                long value = strict.commit(key, delta, rows, true, null);
                invalidate(rows);
                return value;
            }
            long stamp = gate.enterAdd(key);
            try {
                BucketKey all = rows.get(rows.size() - 1).id(); // bucketing puts ALL last
                long total = keyed.reading(
                        () -> adds.addAndGet(rows) + keyed.sums(List.of(all)).getOrDefault(all, 0L));
                cycle.pendingTotal.add(delta);
                return total;
            } finally {
                gate.exitAdd(key, stamp);
            }
        } finally {
            addsInProgress.decrement();
        }
    }

    /**
     * An add with an idempotency key: held by {@link KeyedAdds} until a write-back records the key
     * with the deltas (or written through, like any add, when the backlog is full). An add whose
     * key is held already changes nothing; {@code wantsValue}: returns the all-time value after it.
     */
    private long addKeyed(CounterKey key, long delta, Instant eventTime, String idempotencyKey, boolean wantsValue) {
        enter();
        try {
            List<Row> rows = bucketing.rows(key, delta, eventTime);
            if (delta != 0 && !backlog.admits(List.of())) {
                long value = strict.commit(key, delta, rows, wantsValue, idempotencyKey);
                invalidate(rows);
                return value;
            }
            if (delta != 0) {
                long stamp = gate.enterAdd(key); // a delete holds the counter: the add is before or after it
                try {
                    keyed.hold(key, delta, rows, idempotencyKey);
                } finally {
                    gate.exitAdd(key, stamp);
                }
                if (keyed.size() >= settings.maxDirtyCounters()) {
                    engine.requestFlush();
                }
            }
            return wantsValue ? allTime(rows) : 0;
        } finally {
            addsInProgress.decrement();
        }
    }

    /** The all-time value this node sees of the counter of {@code rows} (ALL last). */
    private long allTime(List<Row> rows) {
        return totals(List.of(rows.get(rows.size() - 1).id()), true)
                .values()
                .iterator()
                .next();
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

    /** Moves the local window into the cache (see {@link WindowDrain}). */
    private void drainWindow() {
        if (drain != null) {
            drain.run();
        }
    }

    /** Totals of buckets this node sees; cached values answer when {@code cached}. */
    public Map<BucketKey, Long> totals(List<BucketKey> buckets, boolean cached) {
        return fastReads.totals(buckets, cached);
    }

    /** The values of {@code keys} in one bucket this node sees; see {@link FastReads#values}. */
    public Map<CounterKey, Long> values(Collection<CounterKey> keys, Period period, long bucketStart) {
        return fastReads.values(keys, period, bucketStart);
    }

    /** The buckets of one counter from {@code first} to {@code last} this node sees, by start. */
    public Map<Long, Long> series(CounterKey key, Period period, long first, long last) {
        return fastReads.series(key, period, first, last);
    }

    /** See {@link FastReads#top}. */
    public List<CounterValue> top(
            String namespace, Period period, long bucketStart, int limit, IntFunction<List<CounterValue>> stored) {
        return fastReads.top(namespace, period, bucketStart, limit, stored);
    }

    /** The counters with unwritten deltas on this node (the local window drained first). */
    public Set<CounterKey> pendingCounters() {
        return fastReads.pendingCounters();
    }

    /** The database changed these buckets behind the cache (a STRICT add): reload them on read. */
    public void invalidate(List<Row> rows) {
        for (Row row : rows) {
            if (cache.get(row.id()) != null) {
                cache.update(row.id(), new Entries.ForgetStored());
            }
        }
    }

    /**
     * Deletes {@code key} at one point for the adds of every node: each add is wholly in the rows
     * {@code deleteRows} deletes, or wholly after them. With a cache of this node's own, the
     * counter is held here ({@link CounterHolds#holding}) while its deltas are written ({@code
     * outsideTransaction} runs that outside any caller transaction) and its rows deleted. With a
     * cache shared by several nodes, the cache holds the counter on every node ({@link
     * CounterHolds#hold}: each writes its share), runs {@code deleteRows}, and releases them; this
     * thread takes no lock of this node, since this node's hold runs on a thread of its own. What
     * could not be written is dropped, and cached values reloaded, once {@code afterCommit} runs
     * the action it is given (a load before the commit saw the rows).
     */
    public <T> T deleting(
            CounterKey key,
            Consumer<Runnable> outsideTransaction,
            Supplier<T> deleteRows,
            Consumer<Runnable> afterCommit) {
        if (deletesOnEveryNode) {
            T result = cache.deleteOnEveryNode(key, deleteRows);
            afterCommit.accept(() -> discardCounter(key));
            return result;
        }
        return holds.holding(key, () -> {
            outsideTransaction.accept(() -> writeCounter(key));
            T result = deleteRows.get();
            afterCommit.accept(() -> discardCounter(key));
            return result;
        });
    }

    /** Writes every delta of {@code key} that the cache holds (while the counter is held). */
    private void writeCounter(CounterKey key) {
        cycle.run(true, bucket -> bucket.key().equals(key), true);
        keyed.write(key::equals, this::invalidate);
    }

    /** The rows of {@code key} were deleted: drops what could not be written, reloads cached values. */
    private void discardCounter(CounterKey key) {
        cycle.discard(key);
        reads.invalidateAll();
    }

    public void flush() {
        engine.flush();
    }

    /** See {@link io.livecount.CounterService#whenWritten()}. */
    public CompletionStage<Void> whenWritten() {
        return engine.whenWritten();
    }

    public WriteBackMetrics metrics() {
        return engine.metrics(cache.cache().dirtyCount());
    }

    /** Refuses new adds, waits for those in progress, writes everything, closes the cache. */
    public void close() {
        closed = true;
        holds.close(); // a delete of another node then holds this one no longer
        if (window != null) {
            window.close(); // the engine's last pass drains what it accepted
        }
        while (addsInProgress.sum() != 0) {
            Thread.onSpinWait();
        }
        try {
            engine.close(cache.cache()::dirtyCount);
        } finally {
            cache.cache().close();
        }
    }
}
