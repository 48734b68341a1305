package io.livecount.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The databases every suite runs against. A server comes from Testcontainers where a Docker engine
 * answers, otherwise from the server already running on 127.0.0.1 (MariaDB root with an empty
 * password, PostgreSQL with trust auth, database {@code test}). When neither can be reached, the
 * test fails under {@code CI=true} and is reported as aborted (skipped, with the reason) otherwise.
 *
 * <p>Set {@code -Dlivecount.test.servers=local} (or {@code testcontainers}) to skip the detection.
 * {@code -Dlivecount.test.database=NAME} picks another database than {@code test} on the local
 * servers (it must exist), so that two builds on one machine do not share a table.
 * Pools are made once per JVM and shared by all test classes.
 */
public enum TestDatabase {
    H2("h2", "jdbc:h2:mem:livecount;DB_CLOSE_DELAY=-1", "sa", ""),
    MARIADB(
            "mariadb",
            "jdbc:mysql://127.0.0.1:3306/" + Local.NAME + "?sslMode=DISABLED&socketTimeout=60000",
            "root",
            ""),
    POSTGRESQL("postgresql", "jdbc:postgresql://127.0.0.1:5432/" + Local.NAME + "?socketTimeout=60", "postgres", "");

    /** The database on the local servers. */
    private static final class Local {
        static final String NAME = System.getProperty("livecount.test.database", "test");
    }

    private static final Map<TestDatabase, HikariDataSource> POOLS = new ConcurrentHashMap<>();

    private final String id;
    private final String localUrl;
    private final String user;
    private final String password;

    TestDatabase(String id, String localUrl, String user, String password) {
        this.id = id;
        this.localUrl = localUrl;
        this.user = user;
        this.password = password;
    }

    /** The database on the local servers ({@code -Dlivecount.test.database}), for URLs through a proxy. */
    public static String localDatabase() {
        return Local.NAME;
    }

    /** The name Livecount reports for this database (mariadb, postgresql, h2). */
    public String id() {
        return id;
    }

    /** A shared pool of 40 connections; fails or aborts the test if the server is unreachable. */
    public DataSource dataSource() {
        return POOLS.computeIfAbsent(this, TestDatabase::connect);
    }

    /** Deletes every counter row (the table is left in place). */
    public void clear() {
        execute("DELETE FROM livecount_counter");
    }

    /** Drops the table so that a test can create its own version of it. */
    public void dropTable() {
        execute("DROP TABLE IF EXISTS livecount_counter");
    }

    public void execute(String sql) {
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public long queryLong(String sql) {
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Rows in the counter table (0 when it does not exist yet). */
    public long rowCount() {
        try {
            return queryLong("SELECT COUNT(*) FROM livecount_counter");
        } catch (IllegalStateException missingTable) {
            return 0;
        }
    }

    private HikariDataSource connect() {
        String[] server = server();
        HikariConfig config = new HikariConfig();
        config.setPoolName("test-" + id);
        config.setJdbcUrl(server[0]);
        config.setUsername(server[1]);
        config.setPassword(server[2]);
        config.setMaximumPoolSize(40);
        config.setConnectionTimeout(10_000);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException unreachable) {
            String message = id + " is not reachable at " + server[0] + " (start it, see README 'Running the tests'): "
                    + unreachable.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and " + message, unreachable);
            }
            Assumptions.abort(message);
            throw unreachable;
        }
    }

    /** URL, user, password of the server to use. */
    private String[] server() {
        if (this == H2) {
            return new String[] {localUrl, user, password};
        }
        String choice = System.getProperty("livecount.test.servers", "auto");
        boolean docker = choice.equals("testcontainers") || choice.equals("auto") && dockerAnswers();
        if (!docker) {
            return new String[] {localUrl, user, password};
        }
        JdbcDatabaseContainer<?> container = this == MARIADB
                ? new MariaDBContainer("mariadb:10.11").withDatabaseName("test")
                : new PostgreSQLContainer("postgres:15").withDatabaseName("test");
        container.start(); // stopped by Testcontainers' shutdown hook with the JVM
        String url = this == MARIADB
                ? "jdbc:mysql://" + container.getHost() + ":" + container.getFirstMappedPort()
                        + "/test?sslMode=DISABLED&allowPublicKeyRetrieval=true"
                : container.getJdbcUrl();
        return new String[] {url, container.getUsername(), container.getPassword()};
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error noDocker) {
            return false;
        }
    }
}
