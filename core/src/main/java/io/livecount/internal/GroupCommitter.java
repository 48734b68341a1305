package io.livecount.internal;

import io.livecount.CounterKey;
import io.livecount.CounterStoreException;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.Row;
import io.livecount.internal.store.Transactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Group commit for STRICT adds in transactions Livecount owns. Callers enqueue their add; whoever
 * gets one of the {@code maxConcurrentCommits} permits becomes a leader, drains the queue, merges
 * the deltas per row and commits them in one statement, then hands the permit on. Every caller
 * returns only after the commit that carries its delta. With one caller this is one statement per
 * add; under contention many adds (to one hot key or to many keys) share a commit.
 *
 * <p>Thread-safe.
 */
final class GroupCommitter {

    /** Rows per statement: far below every driver's parameter limit (5 parameters a row). */
    static final int MAX_ROWS_PER_COMMIT = 1000;

    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ConcurrentLinkedQueue<PendingAdd> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore leaders;
    private final Transactor transactor;
    private final CounterStore store;
    private final AddsInTransaction inTransaction;
    private final LongSupplier nowSeconds;

    GroupCommitter(Transactor transactor, CounterStore store, int maxConcurrentCommits, LongSupplier nowSeconds) {
        this.transactor = transactor;
        this.store = store;
        this.inTransaction = new AddsInTransaction(store);
        this.nowSeconds = nowSeconds;
        this.leaders = new Semaphore(maxConcurrentCommits);
    }

    /** Commits {@code add}, possibly together with others; returns its all-time value if wanted. */
    long commit(PendingAdd add) {
        queue.offer(add);
        while (!add.isDone()) {
            if (leaders.tryAcquire()) {
                try {
                    if (!add.isDone()) {
                        commitSafely(drain());
                    }
                } finally {
                    leaders.release();
                }
                wakeNextLeader();
            } else {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
        return add.result();
    }

    /** Whatever goes wrong, no drained add is left waiting forever. */
    private void commitSafely(List<PendingAdd> batch) {
        try {
            commitBatch(batch);
        } catch (RuntimeException | Error unexpected) {
            CounterStoreException failure = new CounterStoreException("unexpected failure of a commit", unexpected);
            batch.stream().filter(pending -> !pending.isDone()).forEach(pending -> pending.fail(failure));
            throw unexpected;
        }
    }

    /** Takes adds in arrival order until the commit holds about {@link #MAX_ROWS_PER_COMMIT} rows. */
    private List<PendingAdd> drain() {
        List<PendingAdd> batch = new ArrayList<>();
        int rows = 0;
        for (PendingAdd next; rows < MAX_ROWS_PER_COMMIT && (next = queue.poll()) != null; ) {
            batch.add(next);
            rows += next.rows.size(); // may pass the limit by one add's rows: still far below drivers' limits
        }
        return batch;
    }

    /** The oldest waiting caller takes over if no leader is running; it parks otherwise. */
    private void wakeNextLeader() {
        PendingAdd next = queue.peek();
        if (next != null) {
            LockSupport.unpark(next.caller);
        }
    }

    private void commitBatch(List<PendingAdd> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (AddsInTransaction.anyKeyed(batch)) {
            commitKeyed(batch);
            return;
        }
        List<Row> rows;
        try {
            rows = AddsInTransaction.merge(batch);
        } catch (ArithmeticException sumOverflows) {
            commitOneByOne(batch); // the database decides which single add overflows
            return;
        }
        boolean wantsValues = batch.stream().anyMatch(add -> add.wantsValue);
        try {
            Map<CounterKey, Long> values = write(rows, wantsValues);
            completeInOrder(batch, values, Set.of());
        } catch (ArithmeticException overflow) {
            if (batch.size() == 1) {
                batch.get(0).fail(overflow);
            } else {
                commitOneByOne(batch); // only the add that causes it may fail
            }
        } catch (RuntimeException failure) {
            batch.forEach(add -> add.fail(failure));
        }
    }

    /** Adds with idempotency keys: the keys are recorded atomically with the deltas. */
    private void commitKeyed(List<PendingAdd> batch) {
        boolean wantsValues = batch.stream().anyMatch(add -> add.wantsValue);
        try {
            AddsInTransaction.Outcome outcome =
                    inTransaction.applyAtomically(transactor, batch, nowSeconds.getAsLong(), wantsValues);
            completeInOrder(batch, outcome.values(), outcome.skipped());
        } catch (ArithmeticException overflow) {
            if (batch.size() == 1) {
                batch.get(0).fail(overflow);
            } else {
                commitOneByOne(batch);
            }
        } catch (RuntimeException failure) {
            batch.forEach(add -> add.fail(failure));
        }
    }

    private void commitOneByOne(List<PendingAdd> batch) {
        for (PendingAdd add : batch) {
            commitBatch(List.of(add));
        }
    }

    private Map<CounterKey, Long> write(List<Row> rows, boolean wantsValues) {
        if (rows.size() == 1 && !wantsValues) {
            // One row that usually exists already: a plain UPDATE is cheaper than an upsert on
            // every database (PostgreSQL's ON CONFLICT path also writes a row-lock record). When it
            // matches nothing it changed nothing, and the upsert below creates the row.
            Row row = rows.get(0);
            if (transactor.autocommit(true, connection -> store.updateExisting(connection, row))) {
                return Map.of();
            }
        }
        if (wantsValues && !store.dialect().canReturnValues()) {
            return transactor.inTransaction(connection -> store.upsert(connection, rows, true));
        }
        return transactor.autocommit(true, connection -> store.upsert(connection, rows, wantsValues));
    }

    /**
     * Gives each add the value a serial execution in queue order would have returned: the stored
     * value after the batch minus the deltas of the same key's later adds in the batch.
     */
    private static void completeInOrder(List<PendingAdd> batch, Map<CounterKey, Long> stored, Set<PendingAdd> skipped) {
        Map<CounterKey, Long> laterDeltas = new HashMap<>();
        for (int i = batch.size() - 1; i >= 0; i--) {
            PendingAdd add = batch.get(i);
            long later = laterDeltas.getOrDefault(add.key, 0L);
            // wrapping arithmetic is exact here: the true result fits in a long
            add.complete(add.wantsValue ? stored.get(add.key) - later : 0);
            if (!skipped.contains(add)) { // a skipped add (its key was applied before) changed nothing
                laterDeltas.put(add.key, later + add.delta);
            }
        }
    }
}
