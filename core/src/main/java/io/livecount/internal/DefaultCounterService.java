package io.livecount.internal;

import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterOperations;
import io.livecount.CounterService;
import io.livecount.CounterValue;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import io.livecount.WriteBackMetrics;
import io.livecount.internal.store.ConnectionSource;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.SqlWork;
import io.livecount.internal.store.Transactor;
import io.livecount.internal.store.WriteBackStore;
import io.livecount.internal.writeback.WriteBack;
import io.livecount.spi.BucketKey;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link CounterService}: owned transactions, STRICT adds through group commit, FAST adds
 * through the write-back (when configured). Reads include this node's unwritten FAST deltas.
 */
public final class DefaultCounterService extends StoreOperations implements CounterService {

    private static final WriteBackMetrics NO_WRITE_BACK = new WriteBackMetrics(0, 0, null, 0, Duration.ZERO, 0, 0);

    private final ConnectionSource connections;
    private final Transactor transactor;
    private final GroupCommitter committer;
    private final WriteBack writeBack;
    private volatile boolean closed;

    public DefaultCounterService(LivecountConfig config, ConnectionSource connections, CounterStore store) {
        super(config, store);
        this.connections = connections;
        this.transactor = new Transactor(connections, store.dialect(), config.conflictRetries());
        this.committer = new GroupCommitter(transactor, store, config.maxConcurrentCommits());
        this.writeBack = config.writeBack() == null
                ? null
                : new WriteBack(
                        config,
                        bucketing,
                        transactor,
                        new WriteBackStore(store.dialect()),
                        (key, delta, rows, wantsValue) ->
                                committer.commit(new PendingAdd(key, delta, rows, wantsValue)));
    }

    @Override
    long commitAdd(PendingAdd add) {
        ensureOpen();
        long value = committer.commit(add);
        if (writeBack != null) {
            writeBack.invalidate(add.rows);
        }
        return value;
    }

    @Override
    long fastAdd(CounterKey key, long delta, Instant eventTime, boolean wantsValue) {
        ensureOpen();
        if (writeBack == null) {
            throw new IllegalArgumentException("mode FAST for " + key + " needs a write-back: configure"
                    + " LivecountConfig.Builder.writeBack(...), or use STRICT");
        }
        if (wantsValue) {
            return writeBack.addAndGet(key, delta, eventTime);
        }
        writeBack.add(key, delta, eventTime);
        return 0;
    }

    @Override
    Map<CounterKey, Long> readValues(Collection<CounterKey> keys, Period period, long bucket) {
        if (writeBack == null) {
            return super.readValues(keys, period, bucket);
        }
        ensureOpen();
        List<BucketKey> buckets = new ArrayList<>(keys.size());
        boolean allFast = true;
        for (CounterKey key : keys) {
            buckets.add(new BucketKey(key, period, bucket));
            allFast &= config.modeOf(key.namespace()) == ConsistencyMode.FAST;
        }
        Map<CounterKey, Long> values = new HashMap<>();
        writeBack.totals(buckets, allFast).forEach((b, total) -> values.put(b.key(), total));
        return values;
    }

    @Override
    Map<Long, Long> readSeries(CounterKey key, Period period, long first, long last) {
        if (writeBack == null) {
            return super.readSeries(key, period, first, last);
        }
        ensureOpen();
        List<BucketKey> buckets = new ArrayList<>();
        Instant end = Instant.ofEpochSecond(last);
        for (Instant start = Instant.ofEpochSecond(first);
                !start.isAfter(end);
                start = period.nextBucketStart(start, config.zone())) {
            buckets.add(new BucketKey(key, period, CounterStore.bucketColumn(start)));
        }
        Map<Long, Long> values = new HashMap<>();
        writeBack.rangeTotals(buckets, last).forEach((b, total) -> values.put(b.bucketStart(), total));
        return values;
    }

    @Override
    public List<CounterValue> top(String namespace, Period period, Instant at, int limit) {
        flush(); // the ranking is the database's: write this node's deltas into it first
        return super.top(namespace, period, at, limit);
    }

    @Override
    public boolean delete(CounterKey key) {
        flush(); // otherwise pending deltas would recreate the rows after the delete
        boolean deleted = super.delete(key);
        if (writeBack != null) {
            writeBack.invalidateAll();
        }
        return deleted;
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

    @Override
    public CounterOperations joining(EntityManager entityManager) {
        ensureOpen();
        return new JoinedOperations(config, store, Objects.requireNonNull(entityManager, "entityManager"));
    }

    @Override
    public void flush() {
        ensureOpen();
        if (writeBack != null) {
            writeBack.flush();
        }
    }

    @Override
    public WriteBackMetrics writeBackMetrics() {
        return writeBack == null ? NO_WRITE_BACK : writeBack.metrics();
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
        try {
            if (writeBack != null) {
                writeBack.close();
            }
        } finally {
            connections.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this CounterService is closed");
        }
    }
}
