package io.livecount.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * A real {@link DataSource} seen through a recorder: every {@link SQLException} that a connection,
 * statement or metadata call of the driver throws is noted (the statement's SQL, when known, and
 * the message) before it reaches the caller. What a failing statement makes drivers and servers log
 * is exactly what a start-up must not cause.
 */
public final class FailedStatements {

    private static final List<Class<?>> WRAPPED = List.of(
            Connection.class,
            CallableStatement.class,
            PreparedStatement.class,
            Statement.class,
            DatabaseMetaData.class);

    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final DataSource dataSource;

    public FailedStatements(DataSource real) {
        this.dataSource = wrap(real, DataSource.class, null);
    }

    /** The data source to hand to the code under test. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** {@code sql -> message} of every call that failed, in order. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    private <T> T wrap(Object real, Class<T> type, String sql) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                Object result = method.invoke(real, args);
                return wrapResult(method, args, result);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException failure) {
                    String statement = sql != null ? sql : firstString(args);
                    failures.add(statement + " -> " + failure.getMessage());
                }
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private Object wrapResult(Method method, Object[] args, Object result) {
        if (result == null || method.getName().equals("unwrap")) {
            return result;
        }
        for (Class<?> type : WRAPPED) {
            if (type.isAssignableFrom(method.getReturnType()) && type.isInstance(result)) {
                return wrap(result, type, method.getName().startsWith("prepare") ? firstString(args) : null);
            }
        }
        return result;
    }

    private static String firstString(Object[] args) {
        return args != null && args.length > 0 && args[0] instanceof String text ? text : "(no SQL)";
    }
}
