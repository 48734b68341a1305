package io.livecount;

import io.livecount.internal.DefaultCounterService;
import io.livecount.internal.store.ConnectionSource;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.DataSourceConnections;
import io.livecount.internal.store.OwnedPool;
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
        return OwnedPool.open(config.jdbcUrl(), config.username(), config.password(), config.maxPoolSize());
    }
}
