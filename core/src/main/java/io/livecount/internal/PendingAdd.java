package io.livecount.internal;

import io.livecount.CounterKey;
import io.livecount.internal.store.Row;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One caller's add waiting for the commit that carries it. Written by the committing thread,
 * read by the caller after {@link #isDone()} returns true (the volatile flag publishes the rest).
 */
final class PendingAdd {

    final CounterKey key;
    final long delta;
    final List<Row> rows;
    final boolean wantsValue;
    /** Null for none. */
    final String idempotencyKey;

    final Thread caller = Thread.currentThread();

    private long value;
    private RuntimeException failure;
    private volatile boolean done;

    PendingAdd(CounterKey key, long delta, List<Row> rows, boolean wantsValue) {
        this(key, delta, rows, wantsValue, null);
    }

    PendingAdd(CounterKey key, long delta, List<Row> rows, boolean wantsValue, String idempotencyKey) {
        this.key = key;
        this.delta = delta;
        this.rows = rows;
        this.wantsValue = wantsValue;
        this.idempotencyKey = idempotencyKey;
    }

    boolean isDone() {
        return done;
    }

    void complete(long allTimeValue) {
        this.value = allTimeValue;
        this.done = true;
        LockSupport.unpark(caller);
    }

    void fail(RuntimeException failure) {
        this.failure = failure;
        this.done = true;
        LockSupport.unpark(caller);
    }

    /** The all-time value after this add (0 unless {@link #wantsValue}); throws its failure. */
    long result() {
        if (failure != null) {
            throw failure; // may be shared by the adds of one failed commit: never mutated here
        }
        return value;
    }
}
