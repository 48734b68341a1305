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
 * test can cut the database away, refuse connections, or lose a reply. H2's in-memory database is
 * reached through an H2 TCP server in this JVM, so it has connections to cut as well.
 */
public final class ProxiedDatabase implements AutoCloseable {

    private final TcpProxy proxy;
    private final HikariDataSource pool;

    public ProxiedDatabase(TestDatabase database) {
        database.dataSource(); // fails (or aborts) here if the server is unreachable
        try {
            proxy = new TcpProxy("127.0.0.1", serverPort(database));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url(database, proxy.port()));
        config.setUsername(user(database));
        config.setPassword("");
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(2_000);
        config.setInitializationFailTimeout(-1);
        pool = new HikariDataSource(config);
    }

    /**
     * The JDBC URL of the test database at {@code port}: the server's own port or a proxy's. H2 is
     * an H2 TCP server in this JVM serving the same in-memory database as {@link TestDatabase#H2}.
     */
    static String url(TestDatabase database, int port) {
        return switch (database) {
            case H2 -> "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:livecount";
            case MARIADB ->
                "jdbc:mysql://127.0.0.1:" + port + "/" + TestDatabase.localDatabase()
                        + "?sslMode=DISABLED&socketTimeout=10000&connectTimeout=2000";
            case POSTGRESQL ->
                "jdbc:postgresql://127.0.0.1:" + port + "/" + TestDatabase.localDatabase()
                        + "?sslmode=disable&socketTimeout=10&connectTimeout=2";
        };
    }

    static String user(TestDatabase database) {
        return switch (database) {
            case H2 -> "sa";
            case MARIADB -> "root";
            case POSTGRESQL -> "postgres";
        };
    }

    /** The port of the server itself (for H2, of the TCP server started once per JVM). */
    static int serverPort(TestDatabase database) {
        return switch (database) {
            case H2 -> H2TcpServer.port();
            case MARIADB -> 3306;
            case POSTGRESQL -> 5432;
        };
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
