package io.livecount.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Where owned transactions get their connections: a DataSource, the user's or one built from a JDBC URL. */
public interface ConnectionSource extends AutoCloseable {

    Connection borrow() throws SQLException;

    void release(Connection connection) throws SQLException;

    /**
     * Gives back a connection whose link broke, so that the pool does not hand it out again (pools
     * do not all recognise every driver's "connection broken" error). Aborts it, then releases it.
     */
    default void discard(Connection connection) throws SQLException {
        try {
            connection.abort(Runnable::run);
        } finally {
            release(connection);
        }
    }

    /** Closes what Livecount built itself (a pool from a JDBC URL); a no-op otherwise. */
    @Override
    void close();
}
