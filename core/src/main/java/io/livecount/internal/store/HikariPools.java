package io.livecount.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Everything that touches HikariCP's classes; loaded only when {@link OwnedPool} found them. */
final class HikariPools {

    private HikariPools() {}

    static ConnectionSource open(String jdbcUrl, String username, String password, int maxPoolSize) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("livecount");
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername(username);
        pool.setPassword(password);
        pool.setMaximumPoolSize(maxPoolSize);
        pool.setKeepaliveTime(60_000);
        pool.setMaxLifetime(1_200_000);
        HikariDataSource dataSource = new HikariDataSource(pool);
        return new DataSourceConnections(dataSource, dataSource);
    }

    /** Evicts (and closes) {@code connection} if {@code dataSource} is a Hikari pool; false otherwise. */
    static boolean evict(DataSource dataSource, Connection connection) throws SQLException {
        if (!dataSource.isWrapperFor(HikariDataSource.class)) {
            return false;
        }
        dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
        return true;
    }
}
