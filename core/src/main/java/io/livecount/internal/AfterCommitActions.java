package io.livecount.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What one caller transaction does to this node's cache once it has committed: FAST adds made
 * inside it, and invalidations of buckets its STRICT adds changed. Each action runs even if an
 * earlier one fails, because the transaction has committed and nobody is left to tell.
 *
 * <p>Thread-safe: a transaction manager may complete a transaction on another thread (timeouts).
 */
final class AfterCommitActions implements Runnable {

    private static final System.Logger LOG = System.getLogger(AfterCommitActions.class.getName());

    private final List<Runnable> actions = new ArrayList<>();

    synchronized void add(Runnable action) {
        actions.add(action);
    }

    @Override
    public void run() {
        List<Runnable> toRun;
        synchronized (this) {
            toRun = List.copyOf(actions);
            actions.clear();
        }
        for (Runnable action : toRun) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "work after the commit of a caller transaction failed", e);
            }
        }
    }
}
