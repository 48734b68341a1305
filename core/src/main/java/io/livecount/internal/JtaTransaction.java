package io.livecount.internal;

import io.livecount.internal.store.ConnectionSource;
import io.livecount.internal.store.SqlDialect;
import io.livecount.internal.store.SqlErrors;
import io.livecount.internal.store.SqlWork;
import io.livecount.spi.CallerTransactions;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The calling thread's JTA transaction: SQL runs on a connection from the service's own source,
 * which enlists in it; after-commit work is bound to the transaction once per service.
 */
final class JtaTransaction implements CallerTransaction {

    private final CallerTransactions transactions;
    private final ConnectionSource connections;
    private final SqlDialect dialect;

    JtaTransaction(CallerTransactions transactions, ConnectionSource connections, SqlDialect dialect) {
        this.transactions = transactions;
        this.connections = connections;
        this.dialect = dialect;
    }

    /** Whether the calling thread is in a transaction that this service's work must join. */
    boolean active() {
        return transactions.inTransaction();
    }

    @Override
    public void requireActive() {
        if (!active()) {
            throw new IllegalStateException("the JTA transaction of this thread is no longer active");
        }
    }

    @Override
    public <T> T run(SqlWork<T> work) {
        requireActive();
        Connection connection = null;
        try {
            connection = connections.borrow();
            return work.run(connection);
        } catch (SQLException e) {
            // Never retried, not even a deadlock: the whole transaction is doomed and its owner decides.
            throw SqlErrors.translate(dialect, e, false);
        } finally {
            releaseQuietly(connection);
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        transactions.afterCommit(this, AfterCommitActions::new).add(action);
    }

    private void releaseQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connections.release(connection); // an enlisted connection stays in the transaction until it ends
        } catch (SQLException ignored) {
            // the pool deals with a connection it cannot take back
        }
    }
}
