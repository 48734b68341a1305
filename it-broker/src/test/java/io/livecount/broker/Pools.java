package io.livecount.broker;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.livecount.testing.TestDatabase;

/** Small pools on the test databases: PostgreSQL's connections are shared with everything else on the machine. */
final class Pools {

    private Pools() {}

    /**
     * A pool of at most 8 connections to {@code database}. The database's shared pool is asked first:
     * it fails the test under {@code CI=true} when the server is unreachable, and aborts it otherwise.
     */
    static HikariDataSource small(TestDatabase database) {
        HikariDataSource shared = (HikariDataSource) database.dataSource();
        shared.getHikariConfigMXBean().setMinimumIdle(1); // its 40 connections are not needed here
        shared.getHikariConfigMXBean().setMaximumPoolSize(2);
        HikariConfig config = new HikariConfig();
        config.setPoolName("broker-" + database.id());
        config.setJdbcUrl(shared.getJdbcUrl());
        config.setUsername(shared.getUsername());
        config.setPassword(shared.getPassword());
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }
}
