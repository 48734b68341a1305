package io.livecount;

/**
 * The connection failed while the commit of an add was in flight: the add may or may not have been
 * applied, and Livecount does not retry it (a retry could count it twice). Read the counter to find
 * out.
 */
public class CommitOutcomeUnknownException extends LivecountException {
    private static final long serialVersionUID = 1L;

    public CommitOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
