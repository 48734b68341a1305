package io.livecount.spi;

import java.util.function.Supplier;

/**
 * The transactions of the calling thread that a {@code CounterService} joins by itself, without
 * being handed a {@link JoinedTransaction}: JTA transactions. {@link io.livecount.jta.JtaTransactions}
 * implements it over a {@code TransactionSynchronizationRegistry}; implement it yourself for
 * another transaction manager.
 *
 * <p>Joining works only if connections from the service's {@code DataSource} enlist in these transactions, as the data
 * sources of a Jakarta EE server or an enlisting pool such as Agroal do.
 *
 * <p>Implementations must be thread-safe; both methods concern the calling thread's transaction.
 */
public interface CallerTransactions {

    /**
     * Whether the calling thread is in a transaction that can still do work (active, or marked
     * for rollback). False while a transaction is completing.
     */
    boolean inTransaction();

    /**
     * The object bound to {@code key} in the calling thread's transaction. On the first call for a
     * key in a transaction, {@code create} makes it, it is bound, and it is registered to run once
     * after that transaction commits. It never runs if the transaction rolls back.
     *
     * @throws IllegalStateException if the calling thread is not {@linkplain #inTransaction() in a
     *     transaction}
     */
    <T extends Runnable> T afterCommit(Object key, Supplier<T> create);
}
