package io.livecount.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A data source that, before each query whose SQL {@code watched} accepts, runs the same statement
 * with the same parameters under the database's own executing {@code EXPLAIN}, and adds up the
 * pages the database touched for it: MariaDB's {@code ANALYZE FORMAT=JSON} ({@code
 * r_engine_stats.pages_accessed} of every table access), PostgreSQL's {@code EXPLAIN (ANALYZE,
 * BUFFERS, FORMAT JSON)} (the shared blocks hit or read by the whole plan). What a statement reads
 * from the database's buffers, which the rows it returns do not show.
 */
public final class ExplainedReads {

    private static final Pattern MARIADB_PAGES = Pattern.compile("\"pages_accessed\":\\s*(\\d+)");
    private static final Pattern POSTGRESQL_BLOCKS = Pattern.compile("\"Shared (?:Hit|Read) Blocks\":\\s*(\\d+)");

    private final DataSource real;
    private final TestDatabase database;
    private final Predicate<String> watched;
    private final AtomicInteger statements = new AtomicInteger();
    private final AtomicLong pages = new AtomicLong();

    public ExplainedReads(TestDatabase database, Predicate<String> watched) {
        if (database == TestDatabase.H2) {
            throw new IllegalArgumentException("H2 has no executing EXPLAIN with page counts");
        }
        this.real = database.dataSource();
        this.database = database;
        this.watched = watched;
    }

    /** The data source to give the code under test. */
    public DataSource dataSource() {
        return proxy(DataSource.class, (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            return result instanceof Connection connection ? connection(connection) : result;
        });
    }

    /** Watched statements run since the last {@link #reset}. */
    public int statements() {
        return statements.get();
    }

    /** Pages the watched statements touched since the last {@link #reset}. */
    public long pages() {
        return pages.get();
    }

    public void reset() {
        statements.set(0);
        pages.set(0);
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            if (method.getName().equals("prepareStatement") && watched.test((String) args[0])) {
                return statement(connection, (String) args[0], (PreparedStatement) result);
            }
            return result;
        });
    }

    private PreparedStatement statement(Connection connection, String sql, PreparedStatement statement) {
        List<Object[]> parameters = new ArrayList<>();
        return proxy(PreparedStatement.class, (proxy, method, args) -> {
            if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                parameters.add(new Object[] {method, args});
            } else if (method.getName().equals("executeQuery")) {
                statements.incrementAndGet();
                pages.addAndGet(explain(connection, sql, parameters));
                parameters.clear();
            }
            return invoke(statement, method, args);
        });
    }

    private long explain(Connection connection, String sql, List<Object[]> parameters) throws Throwable {
        boolean mariaDb = database == TestDatabase.MARIADB;
        String explained = (mariaDb ? "ANALYZE FORMAT=JSON " : "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ") + sql;
        try (PreparedStatement statement = connection.prepareStatement(explained)) {
            for (Object[] call : parameters) {
                invoke(statement, (Method) call[0], (Object[]) call[1]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                StringBuilder json = new StringBuilder();
                while (rs.next()) {
                    json.append(rs.getString(1));
                }
                return mariaDb ? sum(MARIADB_PAGES, json) : topNode(POSTGRESQL_BLOCKS, json);
            }
        }
    }

    private static long sum(Pattern pattern, CharSequence json) {
        long total = 0;
        for (Matcher m = pattern.matcher(json); m.find(); ) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    /** The plan's first node holds the totals of the nodes below it: its hit and read blocks only. */
    private static long topNode(Pattern pattern, CharSequence json) {
        Matcher m = pattern.matcher(json);
        long total = 0;
        for (int i = 0; i < 2 && m.find(); i++) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(ExplainedReads.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
