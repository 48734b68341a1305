package io.livecount.internal;

import io.livecount.CounterKey;
import io.livecount.LivecountConfig;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.SqlErrors;
import io.livecount.internal.store.SqlWork;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.hibernate.Session;

/**
 * The operations on the connection of a caller's {@link EntityManager} transaction. Nothing is
 * committed, rolled back or retried here: the caller's transaction decides.
 */
final class JoinedOperations extends StoreOperations {

    private final EntityManager entityManager;

    JoinedOperations(LivecountConfig config, CounterStore store, EntityManager entityManager) {
        super(config, store);
        this.entityManager = entityManager;
    }

    @Override
    long commitAdd(PendingAdd add) {
        // Bucketing emits one key's rows in period order, which is already the global lock order.
        Map<CounterKey, Long> values = run(connection -> store.upsert(connection, add.rows, add.wantsValue));
        return add.wantsValue ? values.get(add.key) : 0;
    }

    @Override
    long fastAdd(CounterKey key, long delta, Instant eventTime, boolean wantsValue) {
        throw new IllegalArgumentException("a FAST add of " + key + " cannot join the caller's transaction: it is"
                + " written back later, outside it. Use STRICT here (AddOptions.in(ConsistencyMode.STRICT)), or"
                + " add through the CounterService itself");
    }

    @Override
    <T> T read(SqlWork<T> work) {
        return run(work);
    }

    @Override
    <T> T write(SqlWork<T> work) {
        return run(work);
    }

    private <T> T run(SqlWork<T> work) {
        if (!entityManager.isOpen() || !entityManager.isJoinedToTransaction()) {
            throw new IllegalStateException(
                    "the EntityManager passed to joining() has no active transaction; begin one, or use the"
                            + " CounterService itself to let Livecount own the transaction");
        }
        Session session = entityManager.unwrap(Session.class);
        // Hibernate wraps an SQLException thrown by the work; carry ours out untouched instead.
        SQLException[] failure = new SQLException[1];
        T result = session.doReturningWork(connection -> {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                failure[0] = e;
                return null;
            }
        });
        if (failure[0] != null) {
            throw SqlErrors.translate(store.dialect(), failure[0], false);
        }
        return result;
    }
}
