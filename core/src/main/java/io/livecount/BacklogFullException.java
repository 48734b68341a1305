package io.livecount;

/**
 * A FAST add was refused because the backlog of counter buckets waiting for write-back is full
 * ({@link WriteBackConfig#maxBacklog()}, policy {@link WriteBackConfig.BacklogPolicy#FAIL_FAST}, or
 * {@link WriteBackConfig.BacklogPolicy#BLOCK} interrupted). Nothing of the add was kept.
 */
public class BacklogFullException extends LivecountException {
    private static final long serialVersionUID = 1L;

    public BacklogFullException(String message) {
        super(message);
    }
}
