package io.livecount.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Connections from a DataSource; closes it on {@link #close()} only if Livecount built it. */
public final class DataSourceConnections implements ConnectionSource {

    private final DataSource dataSource;
    private final AutoCloseable ownedPool;

    public DataSourceConnections(DataSource dataSource, AutoCloseable ownedPool) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
    }

    @Override
    public Connection borrow() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void release(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public void discard(Connection connection) throws SQLException {
        if (!OwnedPool.HIKARI_PRESENT || !HikariPools.evict(dataSource, connection)) { // evicting closes it
            ConnectionSource.super.discard(connection);
        }
    }

    @Override
    public void close() {
        if (ownedPool != null) {
            try {
                ownedPool.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the connection pool failed", e);
            }
        }
    }
}
