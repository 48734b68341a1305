package io.livecount.internal.writeback;

import io.livecount.CounterKey;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * Keeps this node's FAST adds whole for a delete and for a write-back: an add (or a drain of the
 * local window's sum of a counter) holds its counter's stripe shared while it puts its buckets into
 * the cache; a delete, and a write-back taking the counter's deltas, hold it exclusively. So
 * neither ever sees an add half in the cache: a delete acts on each add wholly or not at all, and a
 * write-back takes all of an add's deltas or none of them, so that a delete on another node, which
 * lands between two write-backs, never splits an add either. (An add into the local window is one
 * change of one buffer and needs no stripe.) Counters are spread over {@value #STRIPES} stripes;
 * adds of different counters rarely share one, and a stripe is held only for the few cache changes
 * of one add, or the takes of one counter's dirty buckets.
 *
 * <p>Thread-safe. Not reentrant: an add never runs inside a delete or a take.
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

    /** Runs {@code work} (a delete, a take) while no add of a counter of {@code key}'s stripe is in progress. */
    <T> T exclusively(CounterKey key, Supplier<T> work) {
        StampedLock stripe = stripe(key);
        long stamp = stripe.writeLock();
        try {
            return work.get();
        } finally {
            stripe.unlockWrite(stamp);
        }
    }

    private StampedLock stripe(CounterKey key) {
        int h = key.hashCode();
        return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }
}
