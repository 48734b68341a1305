package io.livecount.internal;

import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.RetentionMetrics;
import io.livecount.internal.store.IdempotencyStore;
import io.livecount.internal.store.RetentionStore;
import io.livecount.internal.store.Transactor;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Retention pruning: deletes the buckets older than their namespace's retention (see {@link
 * NamespaceSettings#retain}) in passes of {@link RetentionPass}, in chunks of at most {@value
 * #CHUNK_ROWS} rows. A daemon thread runs a pass every
 * {@link #INTERVAL} when any retention is configured; {@link #pruneNow} runs one at once.
 *
 * <p>Idempotency keys are forgotten the same way once they are older than their namespace's
 * {@linkplain NamespaceSettings#idempotencyWindow() window}, in every namespace; the thread also
 * starts when this service records its first key ({@link #keysInUse}).
 *
 * <p>Thread-safe; one pass at a time per service.
 */
final class Retention implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final int CHUNK_ROWS = 1000;

    private static final System.Logger LOG = System.getLogger(Retention.class.getName());

    private final LivecountConfig config;
    private final RetentionPass pass;
    private ScheduledExecutorService scheduler; // guarded by this
    private final AtomicLong rowsPruned = new AtomicLong();
    private final AtomicLong consecutiveFailures = new AtomicLong();
    private volatile Instant lastPrune;
    private volatile boolean closed;

    Retention(LivecountConfig config, Transactor transactor, RetentionStore store, IdempotencyStore keys) {
        this.config = config;
        this.pass = new RetentionPass(config, transactor, store, keys, rowsPruned, () -> closed);
        if (configured(config)) {
            this.scheduler = startScheduler();
        }
    }

    /** This service records idempotency keys: they must expire, so the background thread runs. */
    void keysInUse() {
        if (scheduler == null) {
            synchronized (this) {
                if (scheduler == null && !closed) {
                    scheduler = startScheduler();
                }
            }
        }
    }

    /** Whether any namespace, or the default settings, keeps some period for a limited time. */
    static boolean configured(LivecountConfig config) {
        return !config.defaultNamespaceSettings().retention().isEmpty()
                || config.namespaces().values().stream()
                        .anyMatch(s -> !s.retention().isEmpty());
    }

    private ScheduledExecutorService startScheduler() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "livecount-retention");
            thread.setDaemon(true);
            return thread;
        });
        long millis = INTERVAL.toMillis();
        executor.scheduleWithFixedDelay(this::pruneInBackground, millis, millis, TimeUnit.MILLISECONDS);
        return executor;
    }

    private void pruneInBackground() {
        try {
            pruneNow(CHUNK_ROWS);
        } catch (RuntimeException e) {
            if (closed) {
                return; // the service closed its connections under the pass
            }
            LOG.log(System.Logger.Level.WARNING, "retention pruning failed; retried in " + INTERVAL, e);
        }
    }

    /**
     * One pass over every namespace with a retention, chunks of at most {@code chunkRows} rows.
     * Returns the rows it deleted.
     */
    synchronized long pruneNow(int chunkRows) {
        try {
            long deleted = pass.run(config.clock().instant(), chunkRows);
            lastPrune = config.clock().instant();
            consecutiveFailures.set(0);
            return deleted;
        } catch (RuntimeException e) {
            consecutiveFailures.incrementAndGet();
            throw e;
        }
    }

    RetentionMetrics metrics() {
        return new RetentionMetrics(rowsPruned.get(), lastPrune, consecutiveFailures.get());
    }

    /** Stops the background thread; a pass in progress ends after its current statement. */
    @Override
    public synchronized void close() {
        closed = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
