package io.livecount.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of SQL run on a connection someone else manages. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
