package io.livecount.hazelcast.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The callers of one cache, as {@link StoredEntry} remembers them: a call borrows a caller for its
 * whole duration (every repeat included) and gives it back, so a caller makes one call at a time
 * and numbers them in increasing order. An entry remembers one sequence number per caller that
 * changed it recently, so there should be about as few callers as there are calls at once on this
 * node.
 *
 * <p>Idle callers wait in a small array of slots, each thread starting at a slot of its own (by its
 * identity hash) and trying a few after it: a thread mostly gets back the caller it gave back,
 * without allocation or contention (a deque here cost 9 % of an adding thread's samples). A caller
 * borrowed is taken out of its slot by a compare-and-set, so no two calls ever hold it; when every
 * slot tried is empty a new caller is made, and when every slot tried is full a caller given back
 * is dropped (entries forget it 5 minutes after its last change). Thread-safe.
 */
public final class Callers {

    private static final int PROBES = 4;

    private final AtomicReferenceArray<Caller> idle;
    private final int mask;

    public Callers() {
        int slots = Integer.highestOneBit(Math.max(16, 4 * Runtime.getRuntime().availableProcessors()) * 2 - 1);
        this.idle = new AtomicReferenceArray<>(slots);
        this.mask = slots - 1;
    }

    /** An idle caller, or a new one (random id) when none is found. */
    public Caller borrow() {
        int home = home();
        for (int i = 0; i < PROBES; i++) {
            int slot = (home + i) & mask;
            Caller caller = idle.get(slot);
            if (caller != null && idle.compareAndSet(slot, caller, null)) {
                return caller;
            }
        }
        return new Caller(ThreadLocalRandom.current().nextLong() | 1);
    }

    /** Gives back a caller whose call has ended, whatever its outcome. */
    public void giveBack(Caller caller) {
        int home = home();
        for (int i = 0; i < PROBES; i++) {
            int slot = (home + i) & mask;
            if (idle.get(slot) == null && idle.compareAndSet(slot, null, caller)) {
                return;
            }
        }
    }

    private static int home() {
        int hash = System.identityHashCode(Thread.currentThread());
        return hash ^ (hash >>> 16);
    }

    /** One caller; used by one thread at a time (between {@link #borrow} and {@link #giveBack}). */
    public static final class Caller {
        private final long id;
        private long sequence;

        Caller(long id) {
            this.id = id;
        }

        public long id() {
            return id;
        }

        /** The number of this caller's next call: one more than the last. */
        public long nextSequence() {
            return ++sequence;
        }
    }
}
