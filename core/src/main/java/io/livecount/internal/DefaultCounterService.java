package io.livecount.internal;

import io.livecount.AddOptions;
import io.livecount.CounterAdd;
import io.livecount.CounterKey;
import io.livecount.CounterOperations;
import io.livecount.CounterService;
import io.livecount.CounterValue;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import io.livecount.RetentionMetrics;
import io.livecount.WriteBackMetrics;
import io.livecount.internal.store.ConnectionSource;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.IdempotencyStore;
import io.livecount.internal.store.RetentionStore;
import io.livecount.internal.store.SqlWork;
import io.livecount.internal.store.Transactor;
import io.livecount.internal.store.WriteBackStore;
import io.livecount.internal.writeback.WriteBack;
import io.livecount.spi.JoinedTransaction;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * The {@link CounterService}: owned transactions, STRICT adds through group commit, FAST adds
 * through the write-back (when configured). Reads include this node's unwritten FAST deltas. When
 * the calling thread is in a caller transaction (JTA, {@link LivecountConfig#callerTransactions()}),
 * adds and deletes join it, and the write-back and cache loads run outside it.
 */
public final class DefaultCounterService extends StoreOperations implements CounterService {

    private final ConnectionSource connections;
    private final Transactor transactor;
    private final GroupCommitter committer;
    private final AddsInTransaction inTransaction;
    private final FastSide fast;
    private final JtaTransaction jta;
    private final JoinedOperations inJta;
    private final Retention retention;
    private volatile boolean closed;

    public DefaultCounterService(LivecountConfig config, ConnectionSource connections, CounterStore store) {
        super(config, store);
        this.connections = connections;
        this.transactor = new Transactor(connections, store.dialect(), config.conflictRetries());
        this.committer = new GroupCommitter(
                transactor,
                store,
                config.maxConcurrentCommits(),
                () -> config.clock().millis() / 1000);
        this.inTransaction = new AddsInTransaction(store);
        this.fast = new FastSide(
                config.writeBack() == null
                        ? null
                        : new WriteBack(
                                config,
                                bucketing,
                                transactor,
                                new WriteBackStore(store.dialect()),
                                new IdempotencyStore(store.dialect()),
                                (key, delta, rows, wantsValue, idempotencyKey) ->
                                        committer.commit(new PendingAdd(key, delta, rows, wantsValue, idempotencyKey))),
                this::inCallerTransaction);
        this.jta = config.callerTransactions() == null
                ? null
                : new JtaTransaction(config.callerTransactions(), connections, store.dialect());
        this.inJta = jta == null ? null : new JoinedOperations(config, store, jta, this);
        this.retention = new Retention(
                config, transactor, new RetentionStore(store.dialect()), new IdempotencyStore(store.dialect()));
    }

    @Override
    public void add(CounterKey key, long delta, AddOptions options) {
        ensureOpen();
        if (inCallerTransaction()) {
            inJta.add(key, delta, options);
        } else {
            super.add(key, delta, options);
        }
    }

    @Override
    public long addAndGet(CounterKey key, long delta, AddOptions options) {
        ensureOpen();
        return inCallerTransaction() ? inJta.addAndGet(key, delta, options) : super.addAndGet(key, delta, options);
    }

    @Override
    public void addAll(Collection<CounterAdd> adds, AddOptions options) {
        ensureOpen();
        if (inCallerTransaction()) {
            inJta.addAll(adds, options);
        } else {
            super.addAll(adds, options);
        }
    }

    /** All or none, not shared with group commit (see {@link AddsInTransaction#applyAtomically}). */
    @Override
    void commitAll(List<PendingAdd> adds) {
        ensureOpen();
        inTransaction.applyAtomically(transactor, adds, config.clock().millis() / 1000, false);
        if (fast.enabled()) {
            fast.invalidate(adds.stream().flatMap(add -> add.rows.stream()).toList());
        }
    }

    @Override
    long commitAdd(PendingAdd add) {
        ensureOpen();
        long value = committer.commit(add);
        fast.invalidate(add.rows);
        return value;
    }

    @Override
    long fastAdd(CounterKey key, long delta, Instant eventTime, boolean wantsValue, String idempotencyKey) {
        ensureOpen();
        return fast.add(key, delta, eventTime, wantsValue, idempotencyKey);
    }

    /** A FAST add of a caller transaction that has committed. */
    void fastAddNow(CounterKey key, long delta, Instant eventTime, String idempotencyKey) {
        fastAdd(key, delta, eventTime, false, idempotencyKey);
    }

    @Override
    void requireFast(CounterKey key) {
        fast.require(key);
    }

    /** This service's FAST side, for the operations of a caller transaction. */
    FastSide fast() {
        return fast;
    }

    @Override
    Map<CounterKey, Long> readValues(Collection<CounterKey> keys, Period period, long bucket) {
        if (!fast.enabled()) {
            return super.readValues(keys, period, bucket);
        }
        ensureOpen();
        return fast.values(keys, period, bucket);
    }

    @Override
    Map<Long, Long> readSeries(CounterKey key, Period period, long first, long last) {
        if (!fast.enabled()) {
            return super.readSeries(key, period, first, last);
        }
        ensureOpen();
        return fast.series(key, period, first, last);
    }

    /** The database's ranking with this node's unwritten deltas put in; nothing is written first. */
    @Override
    List<CounterValue> readTop(String namespace, Period period, long bucket, int limit) {
        if (!fast.enabled()) {
            return super.readTop(namespace, period, bucket, limit);
        }
        ensureOpen();
        return fast.top(namespace, period, bucket, limit, n -> super.readTop(namespace, period, bucket, n));
    }

    /** This node's FAST counters not yet written back (none without FAST mode). */
    @Override
    Set<CounterKey> pendingCounters() {
        ensureOpen();
        return fast.pendingCounters();
    }

    /**
     * Deletes at one point for this node's adds: the counter's adds wait, its deltas are written,
     * its rows deleted, and what could not be written is dropped with them. Only the counter's own
     * buckets are written, not the whole backlog.
     */
    @Override
    public boolean delete(CounterKey key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        if (inCallerTransaction()) {
            return inJta.delete(key);
        }
        if (!fast.enabled()) {
            return super.delete(key);
        }
        return fast.delete(key, () -> super.delete(key), Runnable::run);
    }

    /**
     * A delete in a caller transaction: as {@link #delete}, but the rows are deleted in that
     * transaction, and what could not be written is dropped only once it commits.
     */
    boolean deleteJoined(CounterKey key, CallerTransaction transaction, BooleanSupplier deleteRows) {
        ensureOpen();
        if (!fast.enabled()) {
            return deleteRows.getAsBoolean();
        }
        return fast.delete(key, deleteRows, transaction::afterCommit);
    }

    @Override
    <T> T read(SqlWork<T> work) {
        ensureOpen();
        return transactor.autocommit(false, work);
    }

    @Override
    <T> T write(SqlWork<T> work) {
        ensureOpen();
        return transactor.autocommit(true, work);
    }

    /**
     * In a transaction of its own at REPEATABLE READ: an add of another node (STRICT, or a FAST
     * write-back) that commits while the delete runs is then wholly deleted or wholly kept.
     */
    @Override
    <T> T runDelete(SqlWork<T> work) {
        ensureOpen();
        return transactor.inRepeatableRead(work);
    }

    @Override
    public CounterOperations joining(JoinedTransaction transaction) {
        ensureOpen();
        Objects.requireNonNull(transaction, "transaction");
        return new JoinedOperations(config, store, new HandedTransaction(transaction, store.dialect()), this);
    }

    @Override
    public void flush() {
        ensureOpen();
        fast.flush();
    }

    @Override
    void keysInUse() {
        retention.keysInUse();
    }

    @Override
    public CompletionStage<Void> whenWritten() {
        ensureOpen();
        return fast.whenWritten();
    }

    @Override
    public WriteBackMetrics writeBackMetrics() {
        return fast.metrics();
    }

    @Override
    public RetentionMetrics retentionMetrics() {
        return retention.metrics();
    }

    /**
     * Runs one retention pass now, in chunks of at most {@code chunkRows} rows, and returns the rows
     * it deleted: the hook through which tests drive pruning without waiting for the background
     * thread. Not part of the API.
     */
    public long pruneNow(int chunkRows) {
        ensureOpen();
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be at least 1, was " + chunkRows);
        }
        return retention.pruneNow(chunkRows);
    }

    @Override
    public LivecountConfig config() {
        return config;
    }

    /** The database this service talks to: mariadb, mysql, postgresql or h2. */
    public String databaseName() {
        return store.dialect().name();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        retention.close();
        try {
            fast.close();
        } finally {
            connections.close();
        }
    }

    private boolean inCallerTransaction() {
        return jta != null && jta.active();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this CounterService is closed");
        }
    }
}
