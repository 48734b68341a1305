package io.livecount.it.app;

/** Thrown after counting, so that the {@code @Transactional} method's transaction rolls back. */
public class RollbackRequested extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RollbackRequested(String key) {
        super("rollback requested for " + key, null, false, false);
    }
}
