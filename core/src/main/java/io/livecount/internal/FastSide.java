package io.livecount.internal;

import io.livecount.CounterKey;
import io.livecount.CounterValue;
import io.livecount.Period;
import io.livecount.WriteBackMetrics;
import io.livecount.internal.store.Row;
import io.livecount.internal.writeback.WriteBack;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The FAST side of a {@link DefaultCounterService}: its {@link WriteBack} when one is configured,
 * reached so that the cache's own database work (loads, write-backs) never runs inside a caller
 * transaction. Without a write-back, reads and deletes are the store's alone ({@link #enabled} is
 * false), FAST adds are refused, and flushing has nothing to do.
 *
 * <p>Thread-safe.
 */
final class FastSide implements AutoCloseable {

    private static final WriteBackMetrics NO_WRITE_BACK = new WriteBackMetrics(0, 0, null, 0, Duration.ZERO, 0, 0, 0);

    private final WriteBack writeBack; // null: FAST is not configured
    private final BooleanSupplier inCallerTransaction;

    /** {@code inCallerTransaction}: whether the calling thread is in a caller (JTA) transaction. */
    FastSide(WriteBack writeBack, BooleanSupplier inCallerTransaction) {
        this.writeBack = writeBack;
        this.inCallerTransaction = inCallerTransaction;
    }

    /** Whether this node caches counter buckets (FAST mode is configured). */
    boolean enabled() {
        return writeBack != null;
    }

    /** Refuses a FAST add when no write-back is configured. */
    void require(CounterKey key) {
        if (writeBack == null) {
            throw new IllegalArgumentException("mode FAST for " + key + " needs a write-back: configure"
                    + " LivecountConfig.Builder.writeBack(...), or use STRICT");
        }
    }

    /** A FAST add; returns the all-time value after it when {@code wantsValue}, else 0. */
    long add(CounterKey key, long delta, Instant eventTime, boolean wantsValue, String idempotencyKey) {
        require(key);
        if (wantsValue) {
            return writeBack.addAndGet(key, delta, eventTime, idempotencyKey);
        }
        writeBack.add(key, delta, eventTime, idempotencyKey);
        return 0;
    }

    /** The database changed these rows behind the cache (a STRICT add): cached values reload. */
    void invalidate(List<Row> rows) {
        if (writeBack != null) {
            writeBack.invalidate(rows);
        }
    }

    /** Only when {@link #enabled}: see {@link WriteBack#values}. */
    Map<CounterKey, Long> values(Collection<CounterKey> keys, Period period, long bucket) {
        return outside(() -> writeBack.values(keys, period, bucket));
    }

    /** Only when {@link #enabled}: see {@link WriteBack#series}. */
    Map<Long, Long> series(CounterKey key, Period period, long first, long last) {
        return outside(() -> writeBack.series(key, period, first, last));
    }

    /** Only when {@link #enabled}: see {@link WriteBack#top}. */
    List<CounterValue> top(
            String namespace, Period period, long bucket, int limit, IntFunction<List<CounterValue>> stored) {
        return outside(() -> writeBack.top(namespace, period, bucket, limit, stored));
    }

    /** This node's FAST counters not yet written back (none without FAST mode). */
    Set<CounterKey> pendingCounters() {
        return writeBack == null ? Set.of() : outside(writeBack::pendingCounters);
    }

    /**
     * Only when {@link #enabled}: deletes at one point through {@link WriteBack#deleting}: the
     * counter's deltas are written (outside any caller transaction), its rows deleted by {@code
     * deleteRows}, and what could not be written dropped once {@code afterCommit} runs it (a load
     * before the commit saw the rows).
     */
    boolean delete(CounterKey key, BooleanSupplier deleteRows, Consumer<Runnable> afterCommit) {
        return writeBack.deleting(
                key,
                work -> outside(() -> {
                    work.run();
                    return null;
                }),
                deleteRows::getAsBoolean,
                afterCommit);
    }

    void flush() {
        if (writeBack != null) {
            outside(() -> {
                writeBack.flush();
                return null;
            });
        }
    }

    CompletionStage<Void> whenWritten() {
        return writeBack == null ? CompletableFuture.completedFuture(null) : writeBack.whenWritten();
    }

    WriteBackMetrics metrics() {
        return writeBack == null ? NO_WRITE_BACK : writeBack.metrics();
    }

    /** Writes everything and closes the cache (see {@link WriteBack#close}). */
    @Override
    public void close() {
        if (writeBack != null) {
            writeBack.close();
        }
    }

    private <T> T outside(Supplier<T> work) {
        return inCallerTransaction.getAsBoolean() ? OutsideTransaction.call(work) : work.get();
    }
}
