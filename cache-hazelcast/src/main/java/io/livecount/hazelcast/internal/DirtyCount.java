package io.livecount.hazelcast.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The number of dirty entries, recounted at most every {@value #MIN_AGE_MILLIS} ms or ten times
 * the duration of the last count, whichever is longer. Core asks on every add (the backlog bound);
 * a count is a scan of this member's partitions, too slow for that. One thread recounts while
 * the others answer with the previous count: the bound is checked a few milliseconds late, which
 * the backlog's documentation allows for.
 */
public final class DirtyCount {

    static final long MIN_AGE_MILLIS = 100;

    private final LongSupplier count;
    private final AtomicBoolean counting = new AtomicBoolean();
    private volatile long value;
    private volatile long validUntilNanos = Long.MIN_VALUE;
    private volatile boolean counted;

    public DirtyCount(LongSupplier count) {
        this.count = count;
    }

    public long get() {
        if (!counted || System.nanoTime() - validUntilNanos > 0) {
            recount();
        }
        return value;
    }

    private void recount() {
        if (!counting.compareAndSet(false, true)) {
            if (!counted) { // nothing to answer with yet: count too
                value = count.getAsLong();
            }
            return;
        }
        try {
            long start = System.nanoTime();
            value = count.getAsLong();
            long took = System.nanoTime() - start;
            validUntilNanos = System.nanoTime() + Math.max(MIN_AGE_MILLIS * 1_000_000, 10 * took);
            counted = true;
        } finally {
            counting.set(false);
        }
    }
}
