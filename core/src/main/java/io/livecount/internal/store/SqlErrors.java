package io.livecount.internal.store;

import io.livecount.CommitOutcomeUnknownException;
import io.livecount.CounterConflictException;
import io.livecount.CounterStoreException;
import java.sql.SQLException;

/** Turns a database error into the exception the API promises, in one place for every path. */
public final class SqlErrors {

    private SqlErrors() {}

    /**
     * @param commitInFlight whether the failed call could have committed (an autocommit write, or
     *     the commit itself): a broken connection then leaves the outcome unknown
     */
    public static RuntimeException translate(SqlDialect dialect, SQLException e, boolean commitInFlight) {
        if (dialect.isOverflow(e)) {
            ArithmeticException overflow =
                    new ArithmeticException("the add would overflow a stored counter value; nothing was changed");
            overflow.initCause(e);
            return overflow;
        }
        if (dialect.isConflict(e)) {
            return new CounterConflictException("database conflict (" + describe(e) + "); nothing was applied", e);
        }
        if (commitInFlight && dialect.isConnectionFailure(e)) {
            return new CommitOutcomeUnknownException(
                    "the connection failed while a commit was in flight (" + describe(e) + ")", e);
        }
        return new CounterStoreException("database error (" + describe(e) + ")", e);
    }

    static String describe(SQLException e) {
        return "SQLState " + e.getSQLState() + ", error " + e.getErrorCode() + ": " + e.getMessage();
    }
}
