package io.livecount.internal.writeback;

import io.livecount.CounterKey;
import io.livecount.LivecountConfig;
import io.livecount.internal.Bucketing;
import io.livecount.internal.store.Row;
import io.livecount.spi.BucketKey;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The three paths of a FAST add: plain (through the local window when it is on), with the value
 * after it, and with an idempotency key. Each takes the backlog policy first ({@link BacklogGate});
 * an add the backlog does not admit is written through the STRICT way. {@link #refuse} and {@link
 * #awaitInProgress} let the last write-back see every add that was accepted.
 *
 * <p>Thread-safe.
 */
final class FastAdds {

    private final LivecountConfig config;
    private final Bucketing bucketing;
    private final CacheAccess cache;
    private final LocalWindow window; // null: off
    private final AddGate gate;
    private final CacheAdds adds;
    private final KeyedAdds keyed;
    private final LongAdder pendingTotal;
    private final WriteBack.StrictPath strict;
    private final Runnable requestFlush;
    private final Runnable drainWindow;
    private final FastReads reads;
    private final BacklogGate backlog;
    private final LongAdder addsInProgress = new LongAdder();
    private volatile boolean closed;

    /**
     * {@code pendingTotal}: the sum of the deltas waiting in the cache; {@code drainWindow} moves
     * the local window into the cache; {@code reads} answers the value after an add.
     */
    FastAdds(
            LivecountConfig config,
            Bucketing bucketing,
            CacheAccess cache,
            LocalWindow window,
            AddGate gate,
            CacheAdds adds,
            KeyedAdds keyed,
            LongAdder pendingTotal,
            WriteBack.StrictPath strict,
            Runnable requestFlush,
            Runnable drainWindow,
            FastReads reads) {
        this.config = config;
        this.bucketing = bucketing;
        this.cache = cache;
        this.window = window;
        this.gate = gate;
        this.adds = adds;
        this.keyed = keyed;
        this.pendingTotal = pendingTotal;
        this.strict = strict;
        this.requestFlush = requestFlush;
        this.drainWindow = drainWindow;
        this.reads = reads;
        this.backlog = new BacklogGate(config.writeBack(), cache, keyed::size, requestFlush, () -> closed);
    }

    /** See {@link WriteBack#add}. */
    void add(CounterKey key, long delta, Instant eventTime, String idempotencyKey) {
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
                writeThrough(key, delta, rows, false, null);
                return;
            }
            long stamp = gate.enterAdd(key);
            try {
                adds.addRows(rows);
            } finally {
                gate.exitAdd(key, stamp);
            }
            pendingTotal.add(delta);
        } finally {
            addsInProgress.decrement();
        }
    }

    /** See {@link WriteBack#addAndGet}. */
    long addAndGet(CounterKey key, long delta, Instant eventTime, String idempotencyKey) {
        if (idempotencyKey != null) {
            return addKeyed(key, delta, eventTime, idempotencyKey, true);
        }
        enter();
        try {
            drainWindow.run();
            List<Row> rows = bucketing.rows(key, delta, eventTime);
            if (delta == 0) {
                return allTime(rows);
            }
            if (!backlog.admits(rows)) {
                return writeThrough(key, delta, rows, true, null);
            }
            long stamp = gate.enterAdd(key);
            try {
                BucketKey all = rows.get(rows.size() - 1).id(); // bucketing puts ALL last
                long total = keyed.reading(
                        () -> adds.addAndGet(rows) + keyed.sums(List.of(all)).getOrDefault(all, 0L));
                pendingTotal.add(delta);
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
                return writeThrough(key, delta, rows, wantsValue, idempotencyKey);
            }
            if (delta != 0) {
                long stamp = gate.enterAdd(key); // a delete holds the counter: the add is before or after it
                try {
                    keyed.hold(key, delta, rows, idempotencyKey);
                } finally {
                    gate.exitAdd(key, stamp);
                }
                if (keyed.size() >= config.writeBack().maxDirtyCounters()) {
                    requestFlush.run();
                }
            }
            return wantsValue ? allTime(rows) : 0;
        } finally {
            addsInProgress.decrement();
        }
    }

    /** The {@code WRITE_THROUGH} backlog policy: a STRICT commit, then cached values reload. */
    private long writeThrough(CounterKey key, long delta, List<Row> rows, boolean wantsValue, String idempotencyKey) {
        long value = strict.commit(key, delta, rows, wantsValue, idempotencyKey);
        cache.forgetStored(rows, true); // a FAST add written through
        return value;
    }

    /** The all-time value this node sees of the counter of {@code rows} (ALL last). */
    private long allTime(List<Row> rows) {
        return reads.totals(List.of(rows.get(rows.size() - 1).id()), true)
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

    /** From now on adds throw {@link IllegalStateException}, and the backlog stops waiting. */
    void refuse() {
        closed = true;
    }

    /** Returns once the adds that came before {@link #refuse} are done. */
    void awaitInProgress() {
        while (addsInProgress.sum() != 0) {
            Thread.onSpinWait();
        }
    }
}
