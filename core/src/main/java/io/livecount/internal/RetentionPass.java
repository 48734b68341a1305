package io.livecount.internal;

import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.Period;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The work of one retention pass ({@link Retention} runs them, one at a time): every namespace with
 * a retention, {@value #NAMES_PER_BATCH} counters at a time, each period's rows to prune read as
 * ranges of the primary key and deleted by primary key, each chunk's read and delete a statement of
 * its own that commits by itself; then the idempotency keys older than their window, in every
 * namespace.
 *
 * <p>The cutoff of a period is the start of the bucket that contains {@code now - retention}: every
 * bucket starting before it has ended by then, and that bucket and later ones are kept. Several
 * nodes may prune the same rows: a row deleted by one is skipped by the others.
 */
final class RetentionPass {

    /** Counter names whose buckets one statement reads. */
    static final int NAMES_PER_BATCH = 100;

    private final LivecountConfig config;
    private final Transactor transactor;
    private final RetentionStore store;
    private final IdempotencyStore keys;
    private final AtomicLong rowsPruned;
    private final BooleanSupplier closed;

    /** {@code rowsPruned} counts the rows deleted; {@code closed} ends a pass after its current statement. */
    RetentionPass(
            LivecountConfig config,
            Transactor transactor,
            RetentionStore store,
            IdempotencyStore keys,
            AtomicLong rowsPruned,
            BooleanSupplier closed) {
        this.config = config;
        this.transactor = transactor;
        this.store = store;
        this.keys = keys;
        this.rowsPruned = rowsPruned;
        this.closed = closed;
    }

    /** Runs a pass as of {@code now}, chunks of at most {@code chunkRows} rows; returns the rows deleted. */
    long run(Instant now, int chunkRows) {
        long deleted = 0;
        for (Map.Entry<String, NamespaceSettings> entry : config.namespaces().entrySet()) {
            deleted += prune(entry.getKey(), entry.getValue(), now, chunkRows);
        }
        NamespaceSettings defaults = config.defaultNamespaceSettings();
        if (!defaults.retention().isEmpty()) {
            deleted += pruneUnconfigured(defaults, now, chunkRows);
        }
        return deleted + forgetExpiredKeys(now, chunkRows);
    }

    /**
     * Prunes {@code namespace} {@value #NAMES_PER_BATCH} counters at a time: each batch's rows of each
     * period with a retention are ranges of the primary key, so a pass reads the rows it deletes and
     * one index lookup or so per counter, not every bucket the namespace keeps.
     */
    private long prune(String namespace, NamespaceSettings settings, Instant now, int chunkRows) {
        long deleted = 0;
        String after = "";
        while (!closed.getAsBoolean()) {
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
    private long cutoff(Period period, Duration retention, Instant now) {
        return CounterStore.bucketColumn(period.bucketStart(now.minus(retention), config.zone()));
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
        while ((namespace = next(namespace)) != null && !closed.getAsBoolean()) {
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
        while (!closed.getAsBoolean()) {
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
}
