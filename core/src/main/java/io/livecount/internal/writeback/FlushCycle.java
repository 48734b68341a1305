package io.livecount.internal.writeback;

import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.internal.store.Row;
import io.livecount.internal.store.Transactor;
import io.livecount.internal.store.WriteBackStore;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * One write-back pass over the dirty entries: retry the write-backs whose outcome is not known,
 * then take the pending deltas of every dirty entry in batches of at most {@value
 * #ROWS_PER_STATEMENT} buckets, write each batch as one statement with its marker (see {@link
 * WriteBackStore}), and fold the committed deltas into the entries. The batches are contiguous
 * slices of the sorted dirty keys, written by up to {@code parallelStatements} runs at once (see
 * {@link PassPlan}); each run completes its own batches, so a failed statement in one run keeps
 * only its own deltas in flight and never undoes what another run wrote.
 *
 * <p>{@link #run} is not reentrant: the engine runs one pass at a time. Within a pass the runs
 * share only thread-safe state (the write-backs in flight, {@link InFlightWriteBacks}; the counters; the cache),
 * and every key is taken by exactly one run. {@link #allResolved} and the counters may be read
 * from any thread.
 */
final class FlushCycle {

    static final int ROWS_PER_STATEMENT = 2_000;
    /** Passes over the dirty keys after adoptions, at most (another node may keep leaving write-backs). */
    private static final int MAX_ADOPTION_ROUNDS = 3;

    private static final System.Logger LOG = System.getLogger(FlushCycle.class.getName());

    private final CacheAccess cache;
    private final AddGate gate;
    private final Transactor transactor;
    private final WriteBackStore store;
    private final ParallelWriters writers;
    private final int parallelStatements;
    private final DeferredCompletions deferred;
    private final InFlightWriteBacks inFlight = new InFlightWriteBacks();

    final UnwritableDeltas unwritable = new UnwritableDeltas();
    final LongAdder pendingTotal = new LongAdder();
    final LongAdder flushedRows = new LongAdder();
    final LongAdder statements = new LongAdder();

    FlushCycle(CacheAccess cache, Transactor transactor, WriteBackStore store, int parallelStatements, AddGate gate) {
        this.cache = cache;
        this.gate = gate;
        this.transactor = transactor;
        this.store = store;
        this.parallelStatements = parallelStatements;
        this.writers = new ParallelWriters(parallelStatements);
        this.deferred = new DeferredCompletions(cache);
    }

    /**
     * Writes everything dirty, leaving the entries of this pass's committed write-backs to be
     * completed by the next pass ({@link DeferredCompletions}) unless {@code settle}; throws (keeping every delta not written) when the database fails,
     * after every run of the pass has ended.
     */
    void run(boolean settle) {
        run(settle, key -> true, false);
    }

    /**
     * Like {@link #run(boolean)}, for the dirty keys that {@code which} accepts; {@code gateHeld}:
     * the caller holds the {@link AddGate} of every counter they belong to (a delete of one counter).
     */
    void run(boolean settle, Predicate<BucketKey> which, boolean gateHeld) {
        Map<BucketKey, Long> deferredBefore = deferred.snapshot();
        retryUnresolved();
        writeDirty(which, gateHeld);
        for (int round = 0; round < MAX_ADOPTION_ROUNDS && inFlight.anyAdopted(); round++) {
            // write-backs of other nodes were adopted: resolve them now, then write the deltas added
            // on top of them, which could not be taken while they were in flight; so that flush()
            // leaves nothing behind
            retryUnresolved();
            writeDirty(which, gateHeld);
        }
        deferred.completeLeft(deferredBefore);
        if (settle) {
            deferred.completeAll();
        }
    }

    private void writeDirty(Predicate<BucketKey> which, boolean gateHeld) {
        List<BucketKey> dirty = new ArrayList<>(cache.cache().dirtyKeys());
        dirty.removeIf(which.negate());
        dirty.sort(null); // every statement locks in one global order
        List<Runnable> runs = new ArrayList<>();
        for (List<List<BucketKey>> run :
                PassPlan.runs(dirty, ROWS_PER_STATEMENT, parallelStatements, FlushCycle::sameCounter)) {
            // a run stops at its first failure: its later batches stay pending for the next pass
            runs.add(() -> run.forEach(keys -> writeNew(keys, gateHeld)));
        }
        writers.runAll(runs);
    }

    /** Stops the helper threads; a later {@link #run} writes on the caller alone. */
    void close() {
        writers.close();
    }

    /**
     * Removes what the cache still holds of a deleted counter that cannot be written ({@link
     * UnwritableDeltas}): after {@link #run} wrote its buckets, those deltas were added before the
     * delete, so they go with it. Other entries are left alone: in a cache shared by several nodes
     * they may hold another node's later adds.
     *
     * <p>One discard at a time: with a shared cache, the hold's thread and the deleting thread both
     * discard; whichever finds an entry gone must not return before the one that removed it has
     * taken its deltas out of {@link #pendingTotal}.
     */
    synchronized void discard(CounterKey counter) {
        for (BucketKey bucket : unwritable.bucketsOf(counter)) {
            CounterEntry entry;
            do {
                entry = cache.get(bucket);
            } while (entry != null && !cache.tryStore(bucket, entry, null));
            if (entry != null && entry.inflight() != 0 && !inFlight.isForeign(entry.flushId())) {
                inFlight.forget(entry.flushId());
            }
            if (entry != null && bucket.period() == Period.ALL) {
                pendingTotal.add(-entry.pending() - entry.inflight());
            }
            unwritable.release(bucket);
        }
    }

    /** Whether every write-back attempted so far is known to have committed. */
    boolean allResolved() {
        return inFlight.isEmpty();
    }

    private static boolean sameCounter(BucketKey a, BucketKey b) {
        return a.key().equals(b.key());
    }

    private void writeNew(List<BucketKey> keys, boolean gateHeld) {
        long flushId = inFlight.newId();
        List<Row> rows = new ArrayList<>(keys.size());
        for (int from = 0, to; from < keys.size(); from = to) {
            to = from + 1;
            while (to < keys.size() && sameCounter(keys.get(from), keys.get(to))) {
                to++;
            }
            List<BucketKey> counter = keys.subList(from, to);
            // all of a counter's buckets at one point for this node's adds: every add in this
            // write-back or none of it, so that a delete between two write-backs never splits one
            if (gateHeld) {
                take(counter, flushId, rows);
            } else {
                gate.exclusively(counter.get(0).key(), () -> take(counter, flushId, rows));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        inFlight.attempt(flushId, rows.stream().map(Row::id).toList());
        try {
            statements.increment();
            transactor.autocommit(true, connection -> {
                store.writeWithMarker(connection, rows, flushId, nowSeconds());
                return null;
            });
        } catch (ArithmeticException overflow) {
            splitOrKeep(flushId, rows); // nothing of the statement was applied
            return;
        }
        resolved(flushId, rows);
        deferred.committed(flushId, rows);
    }

    private Void take(List<BucketKey> keys, long flushId, List<Row> rows) {
        for (BucketKey key : keys) {
            CounterEntry taken = cache.update(key, deferred.take(key, flushId));
            if (taken != null && taken.flushId() == flushId) {
                rows.add(new Row(key, taken.inflight()));
            } else if (taken != null && taken.inflight() != 0 && inFlight.isForeign(taken.flushId())) {
                adopt(taken.flushId(), key);
            }
        }
        return null;
    }

    /**
     * Takes over a write-back this node never started: in a shared cache (Hazelcast) its entries
     * came from another node's partitions, and that node may have died with it in flight. It is
     * retried like an unresolved one of ours: the marker tells whether it committed. Should its
     * first attempt still run later, the marker makes that statement fail (see {@link
     * WriteBackStore}).
     */
    private void adopt(long foreignFlushId, BucketKey key) {
        if (inFlight.adopt(foreignFlushId, key)) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "adopted write-back {0} of another node (its first key: {1})",
                    foreignFlushId,
                    key);
        }
    }

    private void retryUnresolved() {
        for (Map.Entry<Long, List<BucketKey>> attempt : inFlight.snapshot()) {
            retry(attempt.getKey(), attempt.getValue());
        }
    }

    /**
     * Resolves one write-back whose outcome is unknown. One of ours: the marker is inserted with
     * the rows unless present. One adopted from another node: it is fenced unless it committed,
     * because that node may hold more of its rows than we see; and a fenced write-back (by us or by
     * another adopter) is written again under a new id of ours.
     */
    private void retry(long flushId, List<BucketKey> keys) {
        List<Row> rows = inflightRows(flushId, keys);
        if (rows.isEmpty()) {
            inFlight.forget(flushId);
            return;
        }
        try {
            statements.increment();
            WriteBackStore.Retry outcome;
            if (inFlight.isAdopted(flushId)) {
                outcome = transactor.inTransaction(
                                connection -> store.fenceUnlessCommitted(connection, flushId, nowSeconds()))
                        ? WriteBackStore.Retry.HAD_COMMITTED
                        : WriteBackStore.Retry.FENCED;
            } else {
                outcome = transactor.inTransaction(
                        connection -> store.writeIfNotApplied(connection, rows, flushId, nowSeconds()));
            }
            LOG.log(System.Logger.Level.INFO, "write-back {0} retried: {1}", flushId, outcome);
            if (outcome == WriteBackStore.Retry.FENCED) {
                writeAgain(flushId, rows);
            } else {
                complete(flushId, rows);
            }
        } catch (ArithmeticException overflow) {
            splitOrKeep(flushId, rows);
        }
    }

    /** The rows of a fenced write-back, under a new id of ours, written at once. */
    private void writeAgain(long fencedId, List<Row> rows) {
        List<BucketKey> keys = rows.stream().map(Row::id).toList();
        long newId = inFlight.replacement(fencedId, keys);
        inFlight.forget(fencedId);
        keys.forEach(key -> cache.update(key, new Entries.RenameFlush(fencedId, newId)));
        retry(newId, keys);
    }

    /** The rows still in flight under {@code flushId}, re-read from the entries. */
    private List<Row> inflightRows(long flushId, List<BucketKey> keys) {
        List<Row> rows = new ArrayList<>(keys.size());
        for (BucketKey key : keys) {
            CounterEntry entry = cache.get(key);
            if (entry != null && entry.flushId() == flushId && entry.inflight() != 0) {
                rows.add(new Row(key, entry.inflight()));
            }
        }
        return rows;
    }

    /**
     * A write-back that overflows: a single row is kept in flight (tried again by every pass, see
     * {@link UnwritableDeltas}); several rows are written one by one at once, so that every row that
     * fits is written in this pass and only the ones that overflow are kept.
     */
    private void splitOrKeep(long flushId, List<Row> rows) {
        if (rows.size() == 1) {
            unwritable.keep(rows.get(0).id(), rows.get(0).delta());
            return;
        }
        Map<Long, BucketKey> singles = new LinkedHashMap<>();
        for (Row row : rows) {
            long single = inFlight.replacement(flushId, List.of(row.id()));
            cache.update(row.id(), new Entries.RenameFlush(flushId, single));
            singles.put(single, row.id());
        }
        inFlight.forget(flushId);
        singles.forEach((single, key) -> retry(single, List.of(key)));
    }

    private void complete(long flushId, List<Row> rows) {
        resolved(flushId, rows);
        rows.forEach(row -> cache.update(row.id(), new Entries.CompleteFlush(flushId)));
    }

    /**
     * Write-back {@code flushId} committed: counted and forgotten, before its entries are
     * completed (should completing some of them fail, a later pass adopts the rest as another
     * node's write-back, and does not count their deltas again).
     */
    private void resolved(long flushId, List<Row> rows) {
        for (Row row : rows) {
            if (row.period() == Period.ALL && !inFlight.hasForeignDeltas(flushId)) {
                pendingTotal.add(-row.delta()); // an add has one ALL row, and was counted once
            }
            unwritable.release(row.id());
        }
        inFlight.forget(flushId);
        flushedRows.add(rows.size());
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
