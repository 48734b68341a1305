package io.livecount.demo.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.livecount.demo.DemoServer;
import io.livecount.demo.DemoSettings;
import io.livecount.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A demo started the way {@code demo/run} starts it ({@link DemoSettings#parse} of flags), on a
 * free port, with a known admin password; plus direct SQL on its database to check what is stored.
 */
public final class RunningDemo implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "correct horse battery staple";

    private final DemoServer server;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private RunningDemo(DemoServer server, String jdbcUrl, String user, String password) {
        this.server = server;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** The default setup (FAST on Ehcache) on an H2 file under {@code directory}. */
    public static RunningDemo onH2File(Path directory, String... moreFlags) {
        return start("jdbc:h2:" + directory.resolve("livecount").toAbsolutePath(), "sa", "", moreFlags);
    }

    /** On an H2 database in memory named {@code name}, kept until the JVM ends. */
    public static RunningDemo onH2Memory(String name, String... moreFlags) {
        return start("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", moreFlags);
    }

    /**
     * On a test database: H2 as a file under {@code directory}, the servers at the URL the
     * project's {@link TestDatabase} found (failing under CI=true if unreachable). The namespace
     * {@value DemoSettings#CLICKS} is emptied first.
     */
    public static RunningDemo on(TestDatabase database, Path directory, String... moreFlags) {
        if (database == TestDatabase.H2) {
            return onH2File(directory, moreFlags);
        }
        HikariDataSource pool = (HikariDataSource) database.dataSource();
        RunningDemo demo = start(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword(), moreFlags);
        demo.execute("DELETE FROM livecount_counter WHERE ns = '" + DemoSettings.CLICKS + "'");
        return demo;
    }

    /** The flags that point a demo at the server database {@code database} (not H2). */
    public static List<String> databaseFlags(TestDatabase database) {
        HikariDataSource pool = (HikariDataSource) database.dataSource();
        return databaseFlags(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }

    private static List<String> databaseFlags(String url, String user, String password) {
        return List.of("--db", url, "--db-user", user, "--db-password=" + (password == null ? "" : password));
    }

    private static RunningDemo start(String url, String user, String password, String... moreFlags) {
        List<String> flags = new ArrayList<>(List.of("--port", "0"));
        flags.addAll(databaseFlags(url, user, password));
        flags.addAll(List.of(moreFlags));
        DemoSettings settings = DemoSettings.parse(
                flags.toArray(String[]::new), Map.of("LIVECOUNT_DEMO_ADMIN_PASSWORD", ADMIN_PASSWORD));
        return new RunningDemo(DemoServer.start(settings), url, user, password);
    }

    public DemoServer server() {
        return server;
    }

    public DemoClient client() {
        return new DemoClient(server.uri(), server.settings().adminUser(), ADMIN_PASSWORD);
    }

    /** The sum of the stored values of {@code period} (ALL, DAY, HOUR) in namespace clicks. */
    public long storedSum(String period) {
        return queryLong("SELECT COALESCE(SUM(counter_value), 0) FROM livecount_counter WHERE ns = '"
                + DemoSettings.CLICKS + "' AND period_type = '" + period + "'");
    }

    /** Rows stored for the clicks namespace (0 while FAST clicks are only in memory). */
    public long storedRows() {
        return queryLong("SELECT COUNT(*) FROM livecount_counter WHERE ns = '" + DemoSettings.CLICKS + "'");
    }

    private long queryLong(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
