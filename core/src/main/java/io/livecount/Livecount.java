package io.livecount;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.livecount.internal.DefaultCounterService;
import io.livecount.internal.store.ConnectionSource;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.DataSourceConnections;
import io.livecount.internal.store.HibernateConnections;
import io.livecount.internal.store.SchemaManager;
import io.livecount.internal.store.SqlDialect;

/** Entry point: creates a {@link CounterService} from a {@link LivecountConfig}. */
public final class Livecount {

    private Livecount() {}

    /**
     * Connects, recognizes the database, prepares the table ({@link LivecountConfig#schemaAction()})
     * and returns a ready service. Fails with an {@link IllegalStateException} naming the problem
     * when the database cannot be used (unsupported product, missing table, a collation that would
     * break byte-exact keys).
     */
    public static CounterService create(LivecountConfig config) {
        ConnectionSource connections = connectionsOf(config);
        try {
            SqlDialect dialect = SchemaManager.prepare(connections, config.schemaAction());
            return new DefaultCounterService(config, connections, new CounterStore(dialect));
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    private static ConnectionSource connectionsOf(LivecountConfig config) {
        if (config.dataSource() != null) {
            return new DataSourceConnections(config.dataSource(), null);
        }
        if (config.entityManagerFactory() != null) {
            return new HibernateConnections(config.entityManagerFactory());
        }
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("livecount");
        pool.setJdbcUrl(config.jdbcUrl());
        pool.setUsername(config.username());
        pool.setPassword(config.password());
        pool.setMaximumPoolSize(config.maxPoolSize());
        pool.setKeepaliveTime(60_000);
        pool.setMaxLifetime(1_200_000);
        HikariDataSource dataSource = new HikariDataSource(pool);
        return new DataSourceConnections(dataSource, dataSource);
    }
}
