package io.livecount.spi;

/**
 * What a cache throws when it cannot tell whether a change ran: the member that ran it left before
 * answering and a repeat could not settle it, say. Core reports it to the caller of an add as {@code
 * CommitOutcomeUnknownException}. A cache throws it only after its own safe repeats have failed, and
 * never for a change it knows did not run (that is {@link CacheUnavailableException}).
 */
public class CacheOutcomeUnknownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CacheOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
