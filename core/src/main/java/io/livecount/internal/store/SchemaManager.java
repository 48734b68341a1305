package io.livecount.internal.store;

import io.livecount.LivecountConfig.SchemaAction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Start-up: recognizes the database, checks its settings, creates the table if asked, and checks
 * that the table keeps keys exact.
 */
public final class SchemaManager {

    private SchemaManager() {}

    /**
     * Picks the dialect from the server itself. MariaDB is recognized through either driver:
     * mysql-connector-j reports it as MySQL "5.5.5-10.x-MariaDB", and taking that at face value
     * (as Hibernate does) would mean MySQL 5.5 SQL.
     */
    public static SqlDialect detect(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        String version = meta.getDatabaseProductVersion().toLowerCase(Locale.ROOT);
        if (product.contains("mariadb") || version.contains("mariadb")) {
            return new MySqlFamilyDialect(true);
        }
        if (product.contains("mysql")) {
            return new MySqlFamilyDialect(false);
        }
        if (product.contains("postgresql")) {
            return new PostgreSqlDialect();
        }
        if (product.equals("h2")) {
            return new H2Dialect();
        }
        throw new IllegalStateException("Livecount supports MariaDB, MySQL, PostgreSQL and H2; this database is "
                + meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
    }

    /**
     * Detects the dialect, checks the database settings, applies {@code action}, validates the table.
     * Fails with a message naming the setting or column at fault.
     */
    public static SqlDialect prepare(ConnectionSource connections, SchemaAction action) {
        Connection connection = null;
        try {
            connection = connections.borrow();
            connection.setAutoCommit(true);
            SqlDialect dialect = detect(connection);
            Optional<String> setting = dialect.databaseProblem(connection);
            if (setting.isPresent()) {
                throw new IllegalStateException(
                        "Livecount cannot use this " + dialect.name() + " database: " + setting.get());
            }
            boolean exists = dialect.tableExists(connection);
            if (!exists && action == SchemaAction.CREATE_IF_MISSING) {
                runScript(connection, dialect.schemaLocation() + "/V1__livecount_counter.sql");
            } else if (!exists) {
                throw new IllegalStateException("table " + SqlDialect.TABLE + " does not exist and schemaAction is "
                        + action + "; create it with classpath:" + dialect.schemaLocation());
            }
            Optional<String> problem = dialect.schemaProblem(connection);
            if (problem.isPresent()) {
                throw new IllegalStateException(
                        "Livecount cannot use table " + SqlDialect.TABLE + ": " + problem.get());
            }
            return dialect;
        } catch (SQLException e) {
            throw new IllegalStateException("Livecount could not prepare its table (" + SqlErrors.describe(e) + ")", e);
        } finally {
            if (connection != null) {
                try {
                    connections.release(connection);
                } catch (SQLException ignored) {
                    // start-up already failed or succeeded; the pool deals with the connection
                }
            }
        }
    }

    private static void runScript(Connection connection, String resource) throws SQLException {
        String script;
        try (InputStream in = SchemaManager.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema script missing from the class path: " + resource);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        String withoutComments = Arrays.stream(script.split("\n"))
                .filter(line -> !line.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        try (Statement statement = connection.createStatement()) {
            for (String sql : withoutComments.split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql.strip());
                }
            }
        }
    }
}
