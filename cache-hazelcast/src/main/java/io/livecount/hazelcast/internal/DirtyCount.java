package io.livecount.hazelcast.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The number of dirty entries this member owns, cheap enough for core to ask on every add (the
 * backlog bound, the flush trigger, the metrics). Counting means scanning the member's partitions,
 * so it is done at most every {@value #RECOUNT_MILLIS} ms; in between, the count follows the
 * entries this node's own calls made dirty or clean ({@link #changed}). Entries changed by other
 * nodes, or moved by a migration, are seen at the next recount. Thread-safe.
 */
public final class DirtyCount {

    static final long RECOUNT_MILLIS = 1_000;

    private final LongSupplier count;
    private final AtomicBoolean counting = new AtomicBoolean();
    private final LongAdder sinceCount = new LongAdder();
    private volatile long counted = -1;
    private volatile long nextCountNanos;

    public DirtyCount(LongSupplier count) {
        this.count = count;
    }

    /** One entry became dirty (+1) or clean (-1) by a call of this node. */
    public void changed(int delta) {
        sinceCount.add(delta);
    }

    public long get() {
        if (counted < 0 || System.nanoTime() - nextCountNanos > 0) {
            recount();
        }
        return Math.max(0, counted + sinceCount.sum());
    }

    /**
     * A count made elsewhere: the write-back lists the dirty keys every pass anyway, so an add
     * need not scan again (a scan of 10,000 entries on the caller's thread, every second).
     */
    public void counted(long dirty) {
        sinceCount.reset();
        counted = dirty;
        nextCountNanos = System.nanoTime() + RECOUNT_MILLIS * 1_000_000;
    }

    private void recount() {
        if (!counting.compareAndSet(false, true)) {
            return; // another thread counts; answer with the previous count meanwhile
        }
        try {
            counted(count.getAsLong());
        } finally {
            counting.set(false);
        }
    }
}
