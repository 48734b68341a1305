package io.livecount.internal;

import io.livecount.internal.store.SqlWork;

/**
 * A transaction the caller owns and Livecount joins: handed to {@code joining(...)},
 * or found on the thread (JTA). Nothing is committed, rolled back or retried here.
 */
interface CallerTransaction {

    /**
     * Runs {@code work} on the transaction's connection.
     *
     * @throws IllegalStateException if there is no active transaction
     */
    <T> T run(SqlWork<T> work);

    /** Throws {@link IllegalStateException} if there is no active transaction. */
    void requireActive();

    /** Runs {@code action} after the transaction commits; never if it rolls back. */
    void afterCommit(Runnable action);
}
