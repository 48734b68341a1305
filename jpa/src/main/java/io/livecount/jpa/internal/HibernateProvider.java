package io.livecount.jpa.internal;

import io.livecount.spi.JoinedTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/** Hibernate ORM 6.6 and 7: the session's connection through {@code doReturningWork}. */
final class HibernateProvider implements JpaProvider {

    @Override
    public boolean owns(Object entityManagerOrFactory) {
        return JpaProviders.unwraps(
                entityManagerOrFactory,
                entityManagerOrFactory instanceof EntityManager ? Session.class : SessionFactoryImplementor.class);
    }

    @Override
    public JoinedTransaction transactionOf(EntityManager entityManager) {
        return new EntityManagerTransaction(entityManager) {
            @Override
            public <T> T withConnection(ConnectionWork<T> work) throws SQLException {
                Session session = session();
                // Hibernate wraps an SQLException thrown by the work; carry it out untouched instead.
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
                    throw failure[0];
                }
                return result;
            }

            @Override
            public void afterCommit(Runnable action) {
                session().getTransaction().registerSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {}

                    @Override
                    public void afterCompletion(int status) {
                        // Hibernate reports a resource-local rollback as STATUS_UNKNOWN: only COMMITTED counts.
                        if (status == Status.STATUS_COMMITTED) {
                            action.run();
                        }
                    }
                });
            }

            private Session session() {
                requireActive();
                return entityManager.unwrap(Session.class);
            }
        };
    }

    @Override
    public DataSource dataSourceOf(EntityManagerFactory entityManagerFactory) {
        SessionFactoryImplementor sessionFactory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
        ConnectionProvider provider = sessionFactory.getServiceRegistry().getService(ConnectionProvider.class);
        if (provider == null) {
            throw new IllegalArgumentException("the Hibernate persistence unit has no connection provider");
        }
        return new PoolDataSource(
                new PoolDataSource.Pool() {
                    @Override
                    public java.sql.Connection borrow() throws SQLException {
                        return provider.getConnection();
                    }

                    @Override
                    public void release(java.sql.Connection connection) throws SQLException {
                        provider.closeConnection(connection);
                    }
                },
                "Hibernate unit " + sessionFactory.getName());
    }
}
