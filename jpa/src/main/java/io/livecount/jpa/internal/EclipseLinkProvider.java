package io.livecount.jpa.internal;

import io.livecount.spi.JoinedTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.persistence.internal.databaseaccess.Accessor;
import org.eclipse.persistence.jpa.JpaEntityManager;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.eclipse.persistence.sessions.UnitOfWork;
import org.eclipse.persistence.sessions.server.ConnectionPool;
import org.eclipse.persistence.sessions.server.ServerSession;
import org.eclipse.persistence.transaction.AbstractTransactionController;

/**
 * EclipseLink 4: the transaction's connection through {@code unwrap(Connection.class)}, which
 * EclipseLink answers with the connection of the active transaction (beginning it on the database
 * if the unit of work had not yet).
 */
final class EclipseLinkProvider implements JpaProvider {

    @Override
    public boolean owns(Object entityManagerOrFactory) {
        return JpaProviders.unwraps(
                entityManagerOrFactory,
                entityManagerOrFactory instanceof EntityManager
                        ? JpaEntityManager.class
                        : JpaEntityManagerFactory.class);
    }

    @Override
    public JoinedTransaction transactionOf(EntityManager entityManager) {
        return new EntityManagerTransaction(entityManager) {
            @Override
            public <T> T withConnection(ConnectionWork<T> work) throws SQLException {
                requireActive();
                return work.run(entityManager.unwrap(Connection.class));
            }

            @Override
            public void afterCommit(Runnable action) {
                requireActive();
                ServerSession session =
                        entityManager.unwrap(JpaEntityManager.class).getServerSession();
                if (session.getExternalTransactionController() instanceof AbstractTransactionController jta
                        && jta.getTransaction() instanceof Transaction transaction) {
                    registerJta(transaction, action);
                } else {
                    entityManager.unwrap(UnitOfWork.class).getEventManager().addListener(new OnCommit(action));
                }
            }
        };
    }

    private static void registerJta(Transaction transaction, Runnable action) {
        try {
            transaction.registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        action.run();
                    }
                }
            });
        } catch (jakarta.transaction.RollbackException | SystemException e) {
            throw new IllegalStateException("cannot register work after the JTA transaction's commit: " + e, e);
        }
    }

    /**
     * Runs once when the unit of work's transaction commits, and is disarmed when it rolls back or
     * is released: an entity manager's unit of work outlives its transactions.
     */
    private static final class OnCommit extends SessionEventAdapter {
        private final Runnable action;
        private boolean armed = true;

        OnCommit(Runnable action) {
            this.action = action;
        }

        @Override
        public void postCommitUnitOfWork(SessionEvent event) {
            if (disarm(event)) {
                action.run();
            }
        }

        @Override
        public void postRollbackTransaction(SessionEvent event) {
            disarm(event);
        }

        @Override
        public void postReleaseUnitOfWork(SessionEvent event) {
            disarm(event);
        }

        private boolean disarm(SessionEvent event) {
            boolean was = armed;
            armed = false;
            event.getSession().getEventManager().removeListener(this);
            return was;
        }
    }

    @Override
    public DataSource dataSourceOf(EntityManagerFactory entityManagerFactory) {
        ServerSession session =
                entityManagerFactory.unwrap(JpaEntityManagerFactory.class).getServerSession();
        if (session.getLogin().getConnector() instanceof JNDIConnector jndi && jndi.getDataSource() != null) {
            return jndi.getDataSource(); // the unit's own data source: the server's, or the one given in Java SE
        }
        ConnectionPool pool = session.getDefaultConnectionPool();
        Map<Connection, Accessor> lent = new IdentityHashMap<>();
        return new PoolDataSource(
                new PoolDataSource.Pool() {
                    @Override
                    public Connection borrow() {
                        Accessor accessor = pool.acquireConnection();
                        synchronized (lent) {
                            lent.put(accessor.getConnection(), accessor);
                        }
                        return accessor.getConnection();
                    }

                    @Override
                    public void release(Connection connection) {
                        Accessor accessor;
                        synchronized (lent) {
                            accessor = lent.remove(connection);
                        }
                        pool.releaseConnection(accessor);
                    }
                },
                "EclipseLink unit " + session.getName());
    }
}
