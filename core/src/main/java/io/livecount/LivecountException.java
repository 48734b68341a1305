package io.livecount;

/** Base of the failures Livecount reports from the database and from FAST mode's cache. */
public class LivecountException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LivecountException(String message, Throwable cause) {
        super(message, cause);
    }

    public LivecountException(String message) {
        super(message);
    }
}
