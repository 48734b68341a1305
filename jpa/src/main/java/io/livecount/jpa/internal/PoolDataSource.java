package io.livecount.jpa.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over a persistence provider's own pool, which hands connections out and
 * takes them back by its own calls: {@link Connection#close()} on a connection from here gives it
 * back to that pool instead of closing it.
 */
final class PoolDataSource implements DataSource {

    /** A provider's pool. */
    interface Pool {
        Connection borrow() throws SQLException;

        void release(Connection connection) throws SQLException;
    }

    private final Pool pool;
    private final String description;

    PoolDataSource(Pool pool, String description) {
        this.pool = pool;
        this.description = description;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = pool.borrow();
        boolean[] released = new boolean[1];
        return (Connection) Proxy.newProxyInstance(
                PoolDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            if (!released[0]) {
                                released[0] = true;
                                pool.release(connection);
                            }
                            return null;
                        case "isClosed":
                            return released[0] || connection.isClosed();
                        case "unwrap":
                            return ((Class<?>) args[0]).isInstance(connection)
                                    ? connection
                                    : connection.unwrap((Class<?>) args[0]);
                        case "isWrapperFor":
                            return ((Class<?>) args[0]).isInstance(connection)
                                    || connection.isWrapperFor((Class<?>) args[0]);
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "toString":
                            return "connection of " + description + ": " + connection;
                        default:
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool of " + description + " has its own credentials");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException(description + " wraps no " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public String toString() {
        return "DataSource over the pool of " + description;
    }
}
