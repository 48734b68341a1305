package io.livecount.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Where owned transactions get their connections: a DataSource or Hibernate's provider. */
public interface ConnectionSource extends AutoCloseable {

    Connection borrow() throws SQLException;

    void release(Connection connection) throws SQLException;

    /** Closes what Livecount built itself (a pool from a JDBC URL); a no-op otherwise. */
    @Override
    void close();
}
