package io.livecount.internal;

import io.livecount.CounterOperations;
import io.livecount.CounterService;
import io.livecount.LivecountConfig;
import io.livecount.internal.store.ConnectionSource;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.SqlWork;
import io.livecount.internal.store.Transactor;
import jakarta.persistence.EntityManager;
import java.util.Objects;

/** The {@link CounterService}: owned transactions, STRICT adds through group commit. */
public final class DefaultCounterService extends StoreOperations implements CounterService {

    private final ConnectionSource connections;
    private final Transactor transactor;
    private final GroupCommitter committer;
    private volatile boolean closed;

    public DefaultCounterService(LivecountConfig config, ConnectionSource connections, CounterStore store) {
        super(config, store);
        this.connections = connections;
        this.transactor = new Transactor(connections, store.dialect(), config.conflictRetries());
        this.committer = new GroupCommitter(transactor, store, config.maxConcurrentCommits());
    }

    @Override
    long commitAdd(PendingAdd add) {
        ensureOpen();
        return committer.commit(add);
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
    public LivecountConfig config() {
        return config;
    }

    /** The database this service talks to: mariadb, mysql, postgresql or h2. */
    public String databaseName() {
        return store.dialect().name();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            connections.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this CounterService is closed");
        }
    }
}
