package io.livecount.hazelcast.internal;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The callers of one cache, as {@link StoredEntry} remembers them: a call borrows a caller for its
 * whole duration (every repeat included) and gives it back, so a caller makes one call at a time
 * and numbers them in increasing order. An entry remembers one sequence number per caller that
 * changed it recently, so there are as few callers as there are calls at once on this node: idle
 * ones are reused newest first. Thread-safe.
 */
public final class Callers {

    private final ConcurrentLinkedDeque<Caller> idle = new ConcurrentLinkedDeque<>();

    /** An idle caller, or a new one (random id) when every caller is in a call. */
    public Caller borrow() {
        Caller caller = idle.pollFirst();
        return caller != null ? caller : new Caller(ThreadLocalRandom.current().nextLong() | 1);
    }

    /** Gives back a caller whose call has ended, whatever its outcome. */
    public void giveBack(Caller caller) {
        idle.offerFirst(caller);
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
