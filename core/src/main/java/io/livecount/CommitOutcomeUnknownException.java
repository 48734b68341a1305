package io.livecount;

/**
 * An add may or may not have been applied: the database connection failed while its commit was in
 * flight, or (FAST mode) the cache could not tell whether it ran the add's change, for instance a
 * Hazelcast member that left or stood still while the add was under way. Livecount does not retry it
 * (a retry could count it twice). Read the counter to find out. An add that throws any other
 * exception was not applied.
 */
public class CommitOutcomeUnknownException extends LivecountException {
    private static final long serialVersionUID = 1L;

    public CommitOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
