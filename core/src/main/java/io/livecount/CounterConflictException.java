package io.livecount;

/**
 * A deadlock, lock timeout or serialization failure prevented an add. Nothing of it was applied.
 * Inside a caller's transaction that transaction should be rolled back and may be retried; with a
 * transaction Livecount owns, this means the retries were exhausted.
 */
public class CounterConflictException extends LivecountException {
    private static final long serialVersionUID = 1L;

    public CounterConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
