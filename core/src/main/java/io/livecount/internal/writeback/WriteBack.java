package io.livecount.internal.writeback;

import io.livecount.ConsistencyMode;
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
    private final CacheAccess cache;
    private final LocalWindow window;
    private final FlushCycle cycle;
    private final WriteBackEngine engine;
    private final SnapshotReads reads;
    private final CounterHolds holds;
    private final KeyedAdds keyed;
    private final WindowDrain drain;
    private final FastReads fastReads;
    private final FastAdds fastAdds;
    private final boolean deletesOnEveryNode;

    public WriteBack(
            LivecountConfig config,
            Bucketing bucketing,
            Transactor transactor,
            WriteBackStore store,
            IdempotencyStore keys,
            StrictPath strict) {
        this.config = config;
        WriteBackConfig settings = config.writeBack();
        AddGate gate = new AddGate();
        this.cache = new CacheAccess(settings.cacheFactory().create()); // this service's own: close() closes it
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
        CacheAdds adds = new CacheAdds(settings, cache, reads, engine::requestFlush);
        this.drain = window == null ? null : new WindowDrain(window, bucketing, gate, adds, cycle, this::invalidate);
        this.fastReads = new FastReads(config, cache, reads, keyed, this::drainWindow);
        this.fastAdds = new FastAdds(
                config,
                bucketing,
                cache,
                window,
                gate,
                adds,
                keyed,
                cycle.pendingTotal,
                strict,
                engine::requestFlush,
                this::drainWindow,
                fastReads);
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
        fastAdds.add(key, delta, eventTime, idempotencyKey);
    }

    /** A FAST add that returns the all-time value this node sees right after it (bypasses the window). */
    public long addAndGet(CounterKey key, long delta, Instant eventTime, String idempotencyKey) {
        return fastAdds.addAndGet(key, delta, eventTime, idempotencyKey);
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
        // reads cache only FAST counters' buckets: a STRICT counter's add moves no count
        boolean cachedByReads =
                rows.stream().anyMatch(row -> config.modeOf(row.key().namespace()) == ConsistencyMode.FAST);
        cache.forgetStored(rows, cachedByReads);
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
        fastAdds.refuse();
        holds.close(); // a delete of another node then holds this one no longer
        if (window != null) {
            window.close(); // the engine's last pass drains what it accepted
        }
        fastAdds.awaitInProgress();
        try {
            engine.close(cache.cache()::dirtyCount);
        } finally {
            cache.cache().close();
        }
    }
}
