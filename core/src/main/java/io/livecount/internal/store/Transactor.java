package io.livecount.internal.store;

import io.livecount.CounterStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs work in connections and transactions Livecount owns, retrying conflicts (deadlocks,
 * serialization failures) with jittered exponential backoff. Nothing else is retried: a broken
 * connection during a commit leaves the outcome unknown, and a retry could count twice.
 *
 * <p>Thread-safe.
 */
public final class Transactor {

    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** No isolation level to set. */
    private static final int NO_CHANGE = -1;

    private final ConnectionSource connections;
    private final SqlDialect dialect;
    private final int conflictRetries;

    public Transactor(ConnectionSource connections, SqlDialect dialect, int conflictRetries) {
        this.connections = connections;
        this.dialect = dialect;
        this.conflictRetries = conflictRetries;
    }

    /** A read, or a single-statement write that commits by itself (autocommit). */
    public <T> T autocommit(boolean writes, SqlWork<T> work) {
        return run(false, writes, NO_CHANGE, work);
    }

    /** Several statements in one transaction. */
    public <T> T inTransaction(SqlWork<T> work) {
        return run(true, true, NO_CHANGE, work);
    }

    /**
     * Work in one transaction at {@code REPEATABLE READ}, retried on conflicts like every other.
     * There a statement that meets a row changed by a transaction that committed after it began
     * fails (PostgreSQL, H2: a serialization failure) or has locked the gaps between rows so that
     * no other transaction inserts there (MariaDB): it never acts on part of another transaction's
     * rows.
     */
    public <T> T inRepeatableRead(SqlWork<T> work) {
        return run(true, true, Connection.TRANSACTION_REPEATABLE_READ, work);
    }

    private <T> T run(boolean transactional, boolean writes, int isolation, SqlWork<T> work) {
        for (int attempt = 0; ; attempt++) {
            Connection connection = borrow();
            boolean commitInFlight = writes && !transactional;
            boolean broken = false;
            int previousIsolation = NO_CHANGE;
            try {
                if (isolation != NO_CHANGE && connection.getTransactionIsolation() != isolation) {
                    previousIsolation = connection.getTransactionIsolation();
                    connection.setTransactionIsolation(isolation);
                }
                if (transactional) {
                    connection.setAutoCommit(false);
                }
                T result = work.run(connection);
                if (transactional) {
                    commitInFlight = true;
                    connection.commit();
                }
                return result;
            } catch (SQLException e) {
                broken = dialect.isConnectionFailure(e);
                if (transactional && !broken) {
                    rollbackQuietly(connection, e);
                }
                if (attempt < conflictRetries && dialect.isConflict(e)) {
                    backoff(attempt);
                    continue;
                }
                throw SqlErrors.translate(dialect, e, commitInFlight);
            } finally {
                release(connection, transactional, previousIsolation, broken);
            }
        }
    }

    private Connection borrow() {
        try {
            return connections.borrow();
        } catch (SQLException e) {
            throw new CounterStoreException("cannot get a database connection (" + SqlErrors.describe(e) + ")", e);
        }
    }

    private void release(Connection connection, boolean restoreAutocommit, int restoreIsolation, boolean broken) {
        try {
            if (broken) {
                connections.discard(connection);
                return;
            }
            if (restoreAutocommit && !connection.isClosed()) {
                connection.setAutoCommit(true);
            }
            if (restoreIsolation != NO_CHANGE && !connection.isClosed()) {
                connection.setTransactionIsolation(restoreIsolation);
            }
        } catch (SQLException ignored) {
            // a broken connection: the pool discards it on release
        } finally {
            if (!broken) {
                releaseQuietly(connection);
            }
        }
    }

    private void releaseQuietly(Connection connection) {
        try {
            connections.release(connection);
        } catch (SQLException ignored) {
            // nothing left to do with a connection that cannot even be returned
        }
    }

    private static void rollbackQuietly(Connection connection, SQLException failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void backoff(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << Math.min(attempt, 20));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
