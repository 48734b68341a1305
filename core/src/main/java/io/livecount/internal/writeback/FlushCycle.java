package io.livecount.internal.writeback;

import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.internal.store.Row;
import io.livecount.internal.store.Transactor;
import io.livecount.internal.store.WriteBackStore;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * One write-back pass over the dirty entries: retry the write-backs whose outcome is not known
 * ({@link WriteBackOutcomes}), then take the pending deltas of every dirty entry in batches of at most {@value
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
    private final WriteBackOutcomes outcomes;

    FlushCycle(CacheAccess cache, Transactor transactor, WriteBackStore store, int parallelStatements, AddGate gate) {
        this.cache = cache;
        this.gate = gate;
        this.transactor = transactor;
        this.store = store;
        this.parallelStatements = parallelStatements;
        this.writers = new ParallelWriters(parallelStatements);
        this.deferred = new DeferredCompletions(cache);
        this.outcomes = new WriteBackOutcomes(
                cache, transactor, store, inFlight, unwritable, pendingTotal, flushedRows, statements);
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
        outcomes.retryUnresolved();
        writeDirty(which, gateHeld);
        for (int round = 0; round < MAX_ADOPTION_ROUNDS && inFlight.anyAdopted(); round++) {
            // write-backs of other nodes were adopted: resolve them now, then write the deltas added
            // on top of them, which could not be taken while they were in flight; so that flush()
            // leaves nothing behind
            outcomes.retryUnresolved();
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
        deferred.beforeTakes();
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
            outcomes.splitOrKeep(flushId, rows); // nothing of the statement was applied
            return;
        }
        outcomes.resolved(flushId, rows);
        deferred.committed(flushId, rows);
    }

    private Void take(List<BucketKey> keys, long flushId, List<Row> rows) {
        for (BucketKey key : keys) {
            CounterEntry taken = cache.update(key, deferred.take(key, flushId));
            if (taken != null && taken.flushId() == flushId) {
                rows.add(new Row(key, taken.inflight()));
            } else if (taken != null && taken.inflight() != 0 && inFlight.isForeign(taken.flushId())) {
                outcomes.adopt(taken.flushId(), key);
            }
        }
        return null;
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
