package io.livecount.internal.writeback;

import io.livecount.CounterKey;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * Lets a delete act on every bucket of a counter at one point for this node's FAST adds: an add
 * holds its counter's stripe shared while it puts its buckets into the cache, a delete holds it
 * exclusively. (An add into the local window is one change of one buffer and needs no stripe.) So no add of the counter is half in the cache while the delete
 * runs, and each add is wholly before the delete or wholly after it. Counters are spread over
 * {@value #STRIPES} stripes; adds of different counters rarely share one, and a stripe is held only
 * for the few cache changes of one add.
 *
 * <p>Thread-safe. Not reentrant: an add never runs inside a delete.
 */
final class AddGate {

    private static final int STRIPES = 64;

    private final StampedLock[] stripes = new StampedLock[STRIPES];

    AddGate() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new StampedLock();
        }
    }

    /**
     * Enters an add of {@code key}'s buckets; waits while a delete of a counter of its stripe runs.
     * Returns the stamp to give to {@link #exitAdd}.
     */
    long enterAdd(CounterKey key) {
        return stripe(key).readLock();
    }

    void exitAdd(CounterKey key, long stamp) {
        stripe(key).unlockRead(stamp);
    }

    /** Runs a delete of {@code key} while no add of a counter of its stripe is in progress. */
    <T> T delete(CounterKey key, Supplier<T> delete) {
        StampedLock stripe = stripe(key);
        long stamp = stripe.writeLock();
        try {
            return delete.get();
        } finally {
            stripe.unlockWrite(stamp);
        }
    }

    private StampedLock stripe(CounterKey key) {
        int h = key.hashCode();
        return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }
}
