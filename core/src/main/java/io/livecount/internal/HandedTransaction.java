package io.livecount.internal;

import io.livecount.internal.store.SqlDialect;
import io.livecount.internal.store.SqlErrors;
import io.livecount.internal.store.SqlWork;
import io.livecount.spi.JoinedTransaction;
import java.sql.SQLException;

/** A transaction the caller handed to {@code joining(...)}; its SQL failures are never retried. */
final class HandedTransaction implements CallerTransaction {

    private final JoinedTransaction transaction;
    private final SqlDialect dialect;

    HandedTransaction(JoinedTransaction transaction, SqlDialect dialect) {
        this.transaction = transaction;
        this.dialect = dialect;
    }

    @Override
    public <T> T run(SqlWork<T> work) {
        try {
            return transaction.withConnection(work::run);
        } catch (SQLException e) {
            throw SqlErrors.translate(dialect, e, false);
        }
    }

    @Override
    public void requireActive() {
        transaction.requireActive();
    }

    @Override
    public void afterCommit(Runnable action) {
        AfterCommitActions actions = new AfterCommitActions();
        actions.add(action);
        transaction.afterCommit(actions);
    }
}
