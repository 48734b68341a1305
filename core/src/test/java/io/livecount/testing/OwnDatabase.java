package io.livecount.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A place of a test's own for settings and tables that must not reach the shared test database: a
 * MariaDB database, a PostgreSQL schema, or an H2 in-memory database (H2's collation and IGNORECASE
 * are database-wide). Created empty on open, dropped with everything in it on close.
 */
public final class OwnDatabase implements DataSource, AutoCloseable {

    private final TestDatabase server;
    private final String name;
    private final JdbcDataSource h2;

    /** {@code suffix} is appended to the name of the shared database, so parallel builds stay apart. */
    public static OwnDatabase create(TestDatabase server, String suffix) {
        return new OwnDatabase(server, suffix);
    }

    private OwnDatabase(TestDatabase server, String suffix) {
        this.server = server;
        this.name = System.getProperty("livecount.test.database", "test") + "_" + suffix;
        switch (server) {
            case H2 -> {
                h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
                h2.setUser("sa");
                execute("DROP ALL OBJECTS");
            }
            case MARIADB -> {
                h2 = null;
                server.execute("DROP DATABASE IF EXISTS " + name);
                server.execute("CREATE DATABASE " + name);
            }
            case POSTGRESQL -> {
                h2 = null;
                server.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
                server.execute("CREATE SCHEMA " + name);
            }
            default -> throw new IllegalArgumentException(server.toString());
        }
    }

    public String name() {
        return name;
    }

    public void execute(String sql) {
        try (Connection connection = getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public long queryLong(String sql) {
        try (Connection connection = getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A service on this database with the default configuration. */
    public CounterService startService() {
        return Livecount.create(LivecountConfig.builder().dataSource(this).build());
    }

    /** Whether the counter table exists here. */
    public boolean hasCounterTable() {
        try {
            execute("SELECT 1 FROM livecount_counter WHERE 1 = 0");
            return true;
        } catch (IllegalStateException missing) {
            return false;
        }
    }

    @Override
    public void close() {
        switch (server) {
            case H2 -> execute("SHUTDOWN"); // discards the in-memory database
            case MARIADB -> server.execute("DROP DATABASE IF EXISTS " + name);
            case POSTGRESQL -> server.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    /**
     * A connection of the shared pool switched here; closing it switches it back before it returns to
     * the pool, so that other suites borrowing it later still see the shared database.
     */
    @Override
    public Connection getConnection() throws SQLException {
        if (h2 != null) {
            return h2.getConnection();
        }
        Connection pooled = server.dataSource().getConnection();
        String enter = server == TestDatabase.MARIADB ? "USE " + name : "SET search_path TO " + name;
        String leave = server == TestDatabase.MARIADB ? "USE " + pooled.getCatalog() : "RESET search_path";
        run(pooled, enter);
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && !pooled.isClosed()) {
                        leave(pooled, leave);
                    }
                    try {
                        return method.invoke(pooled, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Switches back outside any transaction (PostgreSQL would undo the switch with a rollback). */
    private void leave(Connection pooled, String sql) throws SQLException {
        try {
            if (!pooled.getAutoCommit()) {
                pooled.rollback();
                pooled.setAutoCommit(true);
            }
            run(pooled, sql);
        } catch (SQLException broken) {
            server.dataSource().unwrap(HikariDataSource.class).evictConnection(pooled);
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
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
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
