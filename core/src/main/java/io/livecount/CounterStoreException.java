package io.livecount;

/** The database failed in a way that is neither a conflict nor an unknown commit outcome. */
public class CounterStoreException extends LivecountException {
    private static final long serialVersionUID = 1L;

    public CounterStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public CounterStoreException(String message) {
        super(message);
    }
}
