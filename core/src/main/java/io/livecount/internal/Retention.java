package io.livecount.internal;

import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.Period;
import io.livecount.RetentionMetrics;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.IdempotencyStore;
import io.livecount.internal.store.RetentionStore;
import io.livecount.internal.store.RetentionStore.Prunable;
import io.livecount.internal.store.Transactor;
import io.livecount.internal.store.WriteBackStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Retention pruning: deletes the buckets older than their namespace's retention (see {@link
 * NamespaceSettings#retain}), {@value #NAMES_PER_BATCH} counters at a time, in chunks of at most
 * {@value #CHUNK_ROWS} rows, each a read of primary key ranges and a DELETE by primary key that
 * commits by itself. A daemon thread runs a pass every
 * {@link #INTERVAL} when any retention is configured; {@link #pruneNow} runs one at once.
 *
 * <p>Idempotency keys are forgotten the same way once they are older than their namespace's
 * {@linkplain NamespaceSettings#idempotencyWindow() window}, in every namespace; the thread also
 * starts when this service records its first key ({@link #keysInUse}).
 *
 * <p>The cutoff of a period is the start of the bucket that contains {@code now - retention}: every
 * bucket starting before it has ended by then, and that bucket and later ones are kept. Several
 * nodes may prune the same rows: a row deleted by one is skipped by the others. Thread-safe; one
 * pass at a time per service.
 */
final class Retention implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final int CHUNK_ROWS = 1000;
    /** Counter names whose buckets one statement reads. */
    static final int NAMES_PER_BATCH = 100;

    private static final System.Logger LOG = System.getLogger(Retention.class.getName());

    private final LivecountConfig config;
    private final Transactor transactor;
    private final RetentionStore store;
    private final IdempotencyStore keys;
    private ScheduledExecutorService scheduler; // guarded by this
    private final AtomicLong rowsPruned = new AtomicLong();
    private final AtomicLong consecutiveFailures = new AtomicLong();
    private volatile Instant lastPrune;
    private volatile boolean closed;

    Retention(LivecountConfig config, Transactor transactor, RetentionStore store, IdempotencyStore keys) {
        this.config = config;
        this.transactor = transactor;
        this.store = store;
        this.keys = keys;
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
            Instant now = config.clock().instant();
            long deleted = 0;
            for (Map.Entry<String, NamespaceSettings> entry :
                    config.namespaces().entrySet()) {
                deleted += prune(entry.getKey(), entry.getValue(), now, chunkRows);
            }
            NamespaceSettings defaults = config.defaultNamespaceSettings();
            if (!defaults.retention().isEmpty()) {
                deleted += pruneUnconfigured(defaults, now, chunkRows);
            }
            deleted += forgetExpiredKeys(now, chunkRows);
            lastPrune = config.clock().instant();
            consecutiveFailures.set(0);
            return deleted;
        } catch (RuntimeException e) {
            consecutiveFailures.incrementAndGet();
            throw e;
        }
    }

    /** The default settings apply to every stored namespace without its own (never the markers). */
    private long pruneUnconfigured(NamespaceSettings defaults, Instant now, int chunkRows) {
        long deleted = 0;
        String namespace = "";
        while ((namespace = next(namespace)) != null) {
            if (!namespace.startsWith(WriteBackStore.MARKER_NS.substring(0, 1))
                    && !config.namespaces().containsKey(namespace)) {
                deleted += prune(namespace, defaults, now, chunkRows);
            }
        }
        return deleted;
    }

    /** Deletes the idempotency keys of every stored namespace that are older than its window. */
    private long forgetExpiredKeys(Instant now, int chunkRows) {
        long deleted = 0;
        String namespace = "";
        while ((namespace = next(namespace)) != null && !closed) {
            if (!namespace.startsWith(WriteBackStore.MARKER_NS.substring(0, 1))) {
                long cutoff = now.minus(config.namespace(namespace).idempotencyWindow())
                        .getEpochSecond();
                deleted += forgetKeys(namespace, cutoff, chunkRows);
            }
        }
        return deleted;
    }

    private long forgetKeys(String namespace, long cutoff, int chunkRows) {
        return this.<String>inChunks(
                chunkRows,
                (c, after) -> keys.expired(c, namespace, cutoff, after, chunkRows),
                (c, expired) -> keys.forget(c, namespace, cutoff, expired));
    }

    /** Reads the next chunk of rows to delete, after the last of the previous one (null: from the first). */
    private interface ChunkRead<T> {
        List<T> next(Connection connection, T after) throws SQLException;
    }

    /** Deletes a chunk; returns how many rows it deleted. */
    private interface ChunkDelete<T> {
        int delete(Connection connection, List<T> chunk) throws SQLException;
    }

    /**
     * Deletes chunk after chunk, each read and deleted in a statement of its own, until a chunk is
     * short, a chunk's rows were all deleted by another node meanwhile, or the service closes;
     * returns the rows deleted.
     */
    private <T> long inChunks(int chunkRows, ChunkRead<T> read, ChunkDelete<T> delete) {
        long deleted = 0;
        T after = null;
        while (!closed) {
            T from = after;
            List<T> chunk = transactor.autocommit(false, c -> read.next(c, from));
            if (chunk.isEmpty()) {
                break;
            }
            int n = transactor.autocommit(true, c -> delete.delete(c, chunk));
            rowsPruned.addAndGet(n);
            deleted += n;
            if (chunk.size() < chunkRows || n == 0) {
                break; // n == 0: another node deletes these rows
            }
            after = chunk.get(chunk.size() - 1);
        }
        return deleted;
    }

    private String next(String namespace) {
        return transactor.autocommit(false, c -> store.nextNamespace(c, namespace));
    }

    /**
     * Prunes {@code namespace} {@value #NAMES_PER_BATCH} counters at a time: each batch's rows of each
     * period with a retention are ranges of the primary key, so a pass reads the rows it deletes and
     * one index lookup or so per counter, not every bucket the namespace keeps.
     */
    private long prune(String namespace, NamespaceSettings settings, Instant now, int chunkRows) {
        long deleted = 0;
        String after = "";
        while (!closed) {
            String from = after;
            List<String> names = transactor.autocommit(false, c -> store.names(c, namespace, from, NAMES_PER_BATCH));
            if (names.isEmpty()) {
                break;
            }
            for (Map.Entry<Period, Duration> entry : settings.retention().entrySet()) {
                Period period = entry.getKey();
                long cutoff = cutoff(period, entry.getValue(), now);
                deleted += this.<Prunable>inChunks(
                        chunkRows,
                        (c, ignored) -> store.candidates(c, namespace, period, cutoff, names, chunkRows),
                        (c, rows) -> store.delete(c, namespace, period, cutoff, rows));
            }
            if (names.size() < NAMES_PER_BATCH) {
                break;
            }
            after = names.get(names.size() - 1);
        }
        return deleted;
    }

    /** {@code bucket_start} below which every bucket of {@code period} ended {@code retention} ago. */
    long cutoff(Period period, Duration retention, Instant now) {
        return CounterStore.bucketColumn(period.bucketStart(now.minus(retention), config.zone()));
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
