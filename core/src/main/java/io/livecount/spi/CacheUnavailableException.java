package io.livecount.spi;

/**
 * What a cache throws when it cannot serve an operation and has changed nothing: it refuses for now
 * (a distributed cache on the minority side of a split, or a member that must first learn whether
 * it still owns its entries), or it is not running (shut down, disconnected). Core reports it as
 * {@code CounterUnavailableException}; the write-back keeps its deltas and tries again.
 */
public class CacheUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CacheUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
