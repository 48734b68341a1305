package io.livecount.testing;

import io.livecount.spi.JoinedTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A caller's transaction on a plain JDBC connection (autocommit off), with after-commit actions. */
public final class JdbcTransaction implements JoinedTransaction, CallerTx {

    private final Connection connection;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private boolean active;

    private JdbcTransaction(Connection connection, boolean active) {
        this.connection = connection;
        this.active = active;
    }

    /** Transactions on connections of {@code dataSource}. */
    public static CallerTx.Source on(DataSource dataSource) {
        return new CallerTx.Source() {
            @Override
            public CallerTx begin() {
                return open(dataSource, true);
            }

            @Override
            public CallerTx notBegun() {
                return open(dataSource, false);
            }

            @Override
            public void close() {}
        };
    }

    private static JdbcTransaction open(DataSource dataSource, boolean active) {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            return new JdbcTransaction(connection, active);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public JoinedTransaction joined() {
        return this;
    }

    @Override
    public <T> T withConnection(ConnectionWork<T> work) throws SQLException {
        requireActive();
        return work.run(connection);
    }

    @Override
    public void requireActive() {
        if (!active) {
            throw new IllegalStateException("no active transaction on this JDBC connection");
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        requireActive();
        afterCommit.add(action);
    }

    @Override
    public void commit() {
        end(true);
        afterCommit.forEach(Runnable::run);
        afterCommit.clear();
    }

    @Override
    public void rollback() {
        end(false);
        afterCommit.clear();
    }

    @Override
    public void close() {
        try {
            if (active) {
                rollback();
            }
            connection.setAutoCommit(true);
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void end(boolean commit) {
        requireActive();
        active = false;
        try {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
