package io.livecount.internal.store;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Connections from the connection provider of the user's Hibernate {@link EntityManagerFactory}:
 * the same pool their entities use, without opening a session per add. Never closes the factory.
 */
public final class HibernateConnections implements ConnectionSource {

    private final ConnectionProvider provider;

    public HibernateConnections(EntityManagerFactory entityManagerFactory) {
        SessionFactoryImplementor sessionFactory;
        try {
            sessionFactory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "entityManagerFactory must be a Hibernate 7 factory, was " + entityManagerFactory.getClass(), e);
        }
        this.provider = sessionFactory.getServiceRegistry().requireService(ConnectionProvider.class);
    }

    @Override
    public Connection borrow() throws SQLException {
        return provider.getConnection();
    }

    @Override
    public void release(Connection connection) throws SQLException {
        provider.closeConnection(connection);
    }

    @Override
    public void close() {
        // the factory and its pool belong to the application
    }
}
