package io.livecount.spi;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A transaction that the caller owns and a {@code CounterService} joins when handed it through
 * {@code CounterService.joining(JoinedTransaction)}: the counts are written on the transaction's
 * connection and commit or roll back with it. {@code livecount-jpa} implements it over an {@code
 * EntityManager} ({@code LivecountJpa.transactionOf(entityManager)}); implement it yourself for
 * another way of holding a transaction.
 *
 * <p>Livecount never commits, rolls back or retries such a transaction. An implementation is used
 * by one thread at a time, as the transaction it stands for.
 */
public interface JoinedTransaction {

    /** Work on the transaction's connection. */
    @FunctionalInterface
    interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on the transaction's connection and returns its result. An {@link
     * SQLException} thrown by the work is thrown as it is (not wrapped). The connection stays the
     * transaction's: the work neither commits nor closes it.
     *
     * @throws IllegalStateException if the transaction is not active
     */
    <T> T withConnection(ConnectionWork<T> work) throws SQLException;

    /**
     * Throws {@link IllegalStateException}, with a message for the caller, if the transaction is
     * not active.
     */
    void requireActive();

    /**
     * Runs {@code action} once after the transaction commits; never if it rolls back or its outcome
     * is unknown.
     *
     * @throws IllegalStateException if the transaction is not active
     */
    void afterCommit(Runnable action);
}
