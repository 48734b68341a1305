package io.livecount.internal.writeback;

import io.livecount.CounterOverflowException;
import io.livecount.CounterStoreException;
import io.livecount.LivecountException;
import io.livecount.WriteBackConfig;
import io.livecount.WriteBackMetrics;
import io.livecount.internal.store.Transactor;
import io.livecount.internal.store.WriteBackStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The write-back thread and its triggers: a pass at least every {@link WriteBackConfig#maxDelay()},
 * earlier when asked ({@link #requestFlush()}: threshold or dirty-count triggers), retries with
 * backoff (100 ms doubling to 5 s) while the database fails, local-window drains in between, and
 * a cleanup of write-back markers older than 7 days every 10 minutes. {@link #flush()} runs a pass on the caller's
 * thread; passes never overlap.
 *
 * <p>Thread-safe.
 */
final class WriteBackEngine {

    private static final System.Logger LOG = System.getLogger(WriteBackEngine.class.getName());
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long MARKER_CLEANUP_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** How long a write-back marker is kept: far longer than any retry of its write-back. */
    static final Duration MARKER_RETENTION = Duration.ofDays(7);

    private final WriteBackConfig config;
    private final FlushCycle cycle;
    private final Runnable drainWindow;
    private final Runnable writeKeyed;
    private final WrittenBarriers barriers = new WrittenBarriers();
    private final Transactor transactor;
    private final WriteBackStore store;
    private final ReentrantLock passLock = new ReentrantLock();
    private final Thread thread;

    private volatile boolean requested;
    private volatile boolean stopping;
    private volatile Instant lastSuccess;
    private volatile long consecutiveFailures;
    /** Start (epoch ms) of the last pass that left nothing unresolved: all older deltas are written. */
    private volatile long writtenBefore = System.currentTimeMillis();

    WriteBackEngine(
            WriteBackConfig config,
            FlushCycle cycle,
            Runnable drainWindow,
            Runnable writeKeyed,
            Transactor transactor,
            WriteBackStore store) {
        this.config = config;
        this.cycle = cycle;
        this.drainWindow = drainWindow;
        this.writeKeyed = writeKeyed;
        this.transactor = transactor;
        this.store = store;
        this.thread = new Thread(this::loop, "livecount-write-back");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks for a pass as soon as possible (no waiting for it). */
    void requestFlush() {
        if (!requested) {
            requested = true;
            LockSupport.unpark(thread);
        }
    }

    /**
     * Runs a pass now on this thread; throws if the database fails (deltas kept), or {@link
     * CounterOverflowException} if deltas remain that cannot be written.
     */
    void flush() {
        passLock.lock();
        try {
            pass(true);
        } finally {
            passLock.unlock();
        }
        cycle.unwritable.throwIfAny();
    }

    /**
     * Completes once a pass that begins after this call has succeeded with nothing left unresolved:
     * every add acknowledged before the call is then committed. No pass is requested for it.
     */
    CompletionStage<Void> whenWritten() {
        return barriers.next();
    }

    /** Runs {@code work} while no pass runs (it may run one itself, through {@code cycle}). */
    <T> T betweenPasses(Supplier<T> work) {
        passLock.lock();
        try {
            return work.get();
        } finally {
            passLock.unlock();
        }
    }

    /** Stops the thread, then writes everything, retrying until {@link WriteBackConfig#closeTimeout()}. */
    void close(LongSupplier dirtyBuckets) {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            writeEverything(dirtyBuckets);
        } catch (RuntimeException | Error e) {
            barriers.failAll(e);
            throw e;
        } finally {
            cycle.close();
        }
        barriers.failAll(new IllegalStateException("the CounterService closed"));
    }

    private void writeEverything(LongSupplier dirtyBuckets) {
        long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        for (long backoff = FIRST_BACKOFF_NANOS; ; backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2)) {
            try {
                flush();
                return;
            } catch (CounterOverflowException e) {
                throw e; // trying again until the deadline would not make room
            } catch (LivecountException e) {
                if (System.nanoTime() + backoff > deadline) {
                    throw new CounterStoreException(
                            "close(): the last write-back failed until closeTimeout ("
                                    + config.closeTimeout() + "); " + notWritten(dirtyBuckets)
                                    + " were not written: " + e.getMessage(),
                            e);
                }
                LockSupport.parkNanos(backoff);
            }
        }
    }

    /** Counted only for the message: a cache that is down cannot count, and must not stop the close. */
    private static String notWritten(LongSupplier dirtyBuckets) {
        try {
            return "about " + dirtyBuckets.getAsLong() + " counter buckets";
        } catch (RuntimeException cannotCount) {
            return "the dirty counter buckets (the cache could not count them)";
        }
    }

    WriteBackMetrics metrics(long dirtyBuckets) {
        long now = System.currentTimeMillis();
        Duration age = dirtyBuckets == 0 && cycle.allResolved() && cycle.pendingTotal.sum() == 0
                ? Duration.ZERO
                : Duration.ofMillis(Math.max(0, now - writtenBefore));
        return new WriteBackMetrics(
                dirtyBuckets,
                cycle.pendingTotal.sum(),
                lastSuccess,
                consecutiveFailures,
                age,
                cycle.flushedRows.sum(),
                cycle.statements.sum(),
                cycle.unwritable.count());
    }

    /** {@code settle}: also complete the entries written in this pass (see {@link DeferredCompletions}). */
    private void pass(boolean settle) {
        long start = System.currentTimeMillis();
        List<CompletableFuture<Void>> waiting = barriers.takeWaiting(); // before the drain: its adds are in this pass
        try {
            drainWindow.run();
            cycle.run(settle);
            writeKeyed.run();
        } catch (RuntimeException e) {
            barriers.putBack(waiting);
            if (consecutiveFailures++ % 10 == 0) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "write-back failed (" + consecutiveFailures + " in a row); deltas are kept and retried: " + e);
            }
            throw e;
        }
        if (consecutiveFailures > 0) {
            LOG.log(System.Logger.Level.INFO, "write-back recovered after " + consecutiveFailures + " failures");
        }
        consecutiveFailures = 0;
        lastSuccess = Instant.now();
        if (cycle.allResolved() && cycle.unwritable.count() == 0) {
            writtenBefore = start;
            waiting.forEach(barrier -> barrier.complete(null));
        } else {
            barriers.putBack(waiting);
        }
    }

    private void loop() {
        long window = config.localWindow().toNanos();
        long lastPass = System.nanoTime();
        long lastDrain = lastPass;
        long lastCleanup = lastPass;
        long backoff = 0;
        while (!stopping) {
            long now = System.nanoTime();
            long nextPass =
                    lastPass + (backoff > 0 ? backoff : config.maxDelay().toNanos());
            if ((requested && backoff == 0) || now - nextPass >= 0) {
                requested = false;
                backoff = tryPass(backoff);
                lastPass = lastDrain = System.nanoTime();
                if (backoff == 0 && lastPass - lastCleanup > MARKER_CLEANUP_NANOS) {
                    lastCleanup = lastPass;
                    deleteOldMarkers();
                }
            } else if (window > 0 && now - (lastDrain + window) >= 0) {
                drainWindow.run();
                lastDrain = now;
            } else {
                long until = window > 0 ? Math.min(nextPass, lastDrain + window) : nextPass;
                LockSupport.parkNanos(this, Math.max(until - now, 1));
            }
        }
    }

    /** Returns the backoff before the next pass: 0 after a success. */
    private long tryPass(long backoff) {
        passLock.lock();
        try {
            pass(false);
            return 0;
        } catch (RuntimeException e) {
            return backoff == 0 ? FIRST_BACKOFF_NANOS : Math.min(MAX_BACKOFF_NANOS, backoff * 2);
        } catch (Error e) {
            // the thread must outlive an OutOfMemoryError: it holds the only way out for the deltas
            LOG.log(System.Logger.Level.ERROR, "write-back pass failed; retrying", e);
            return MAX_BACKOFF_NANOS;
        } finally {
            passLock.unlock();
        }
    }

    private void deleteOldMarkers() {
        long before = (System.currentTimeMillis() - MARKER_RETENTION.toMillis()) / 1000;
        try {
            transactor.autocommit(true, connection -> store.deleteMarkers(connection, before));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "marker cleanup failed; next try later: " + e);
        }
    }
}
