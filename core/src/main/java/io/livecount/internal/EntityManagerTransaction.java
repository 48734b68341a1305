package io.livecount.internal;

import io.livecount.internal.store.SqlDialect;
import io.livecount.internal.store.SqlErrors;
import io.livecount.internal.store.SqlWork;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.sql.SQLException;
import org.hibernate.Session;

/** The transaction of a caller's EntityManager (resource-local or JTA), reached through Hibernate. */
final class EntityManagerTransaction implements CallerTransaction {

    private final EntityManager entityManager;
    private final SqlDialect dialect;

    EntityManagerTransaction(EntityManager entityManager, SqlDialect dialect) {
        this.entityManager = entityManager;
        this.dialect = dialect;
    }

    @Override
    public <T> T run(SqlWork<T> work) {
        Session session = session();
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
            throw SqlErrors.translate(dialect, failure[0], false);
        }
        return result;
    }

    @Override
    public void afterCommit(Runnable action) {
        AfterCommitActions actions = new AfterCommitActions();
        actions.add(action);
        session().getTransaction().registerSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                // Hibernate reports a resource-local rollback as STATUS_UNKNOWN: only COMMITTED counts.
                if (status == Status.STATUS_COMMITTED) {
                    actions.run();
                }
            }
        });
    }

    @Override
    public void requireActive() {
        session();
    }

    private Session session() {
        if (!entityManager.isOpen() || !entityManager.isJoinedToTransaction()) {
            throw new IllegalStateException(
                    "the EntityManager passed to joining() has no active transaction; begin one, or use the"
                            + " CounterService itself to let Livecount own the transaction");
        }
        return entityManager.unwrap(Session.class);
    }
}
