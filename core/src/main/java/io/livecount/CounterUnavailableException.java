package io.livecount;

/**
 * FAST mode's cache could not serve the call and nothing of it was applied: it refused for now (a
 * Hazelcast member on the minority side of a split, or one that has just woken from a long pause),
 * or it is not running (shut down). The same call may succeed later, on this node or another.
 */
public class CounterUnavailableException extends LivecountException {
    private static final long serialVersionUID = 1L;

    public CounterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
