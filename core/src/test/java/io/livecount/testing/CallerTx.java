package io.livecount.testing;

import io.livecount.spi.JoinedTransaction;

/** A caller's transaction as a test drives it: JDBC in core, an EntityManager in livecount-jpa. */
public interface CallerTx extends AutoCloseable {

    /** What the test hands to {@code CounterService.joining(...)}. */
    JoinedTransaction joined();

    void commit();

    void rollback();

    /** Rolls back if still active, and frees the connection or entity manager. */
    @Override
    void close();

    /** Opens the caller's transactions of one suite; closed after each test. */
    interface Source extends AutoCloseable {

        /** A new transaction, begun. */
        CallerTx begin();

        /** A handle whose transaction was never begun. */
        CallerTx notBegun();

        @Override
        void close();
    }
}
