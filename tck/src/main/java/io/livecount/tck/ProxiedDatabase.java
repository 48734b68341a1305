package io.livecount.tck;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.livecount.testing.TcpProxy;
import io.livecount.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/**
 * A small pool whose connections go through a {@link TcpProxy} to the test database, so that a
 * test can cut the database away, refuse connections, or lose a reply. H2 runs in memory and has
 * no connection to cut; these tests run on MariaDB and PostgreSQL.
 */
public final class ProxiedDatabase implements AutoCloseable {

    private final TcpProxy proxy;
    private final HikariDataSource pool;

    public ProxiedDatabase(TestDatabase database) {
        if (database == TestDatabase.H2) {
            throw new IllegalArgumentException("H2 runs in memory: there is no connection to cut");
        }
        boolean maria = database == TestDatabase.MARIADB;
        try {
            database.dataSource(); // fails (or aborts) here if the server is unreachable
            proxy = new TcpProxy("127.0.0.1", maria ? 3306 : 5432);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(
                maria
                        ? "jdbc:mysql://127.0.0.1:" + proxy.port()
                                + "/test?sslMode=DISABLED&socketTimeout=10000&connectTimeout=2000"
                        : "jdbc:postgresql://127.0.0.1:" + proxy.port()
                                + "/test?sslmode=disable&socketTimeout=10&connectTimeout=2");
        config.setUsername(maria ? "root" : "postgres");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(2_000);
        config.setInitializationFailTimeout(-1);
        pool = new HikariDataSource(config);
    }

    public DataSource dataSource() {
        return pool;
    }

    public TcpProxy proxy() {
        return proxy;
    }

    /** Cuts every connection and refuses new ones, until {@link #heal()}. */
    public void cut() {
        proxy.refuse(true);
        proxy.cutAll();
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    public void heal() {
        proxy.refuse(false);
    }

    @Override
    public void close() throws IOException {
        pool.close();
        proxy.close();
    }
}
