package io.livecount.hazelcast.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The number of dirty entries this member owns, cheap enough for core to ask on every add (the
 * backlog bound, the flush trigger, the metrics). Counting means scanning the member's partitions.
 * The write-back counts on every pass ({@link #counted}: it lists the dirty keys anyway, every
 * {@code maxDelay} or sooner); an add scans only when no count was made for {@value
 * #RECOUNT_MILLIS} ms (a long {@code maxDelay}, or a write-back that stopped). In between, the
 * count follows the entries this node's own calls made dirty or clean ({@link #changed}); entries
 * changed by other nodes, or moved by a migration, are seen at the next count.
 *
 * <p>The recount interval is longer than a default pass cycle (1 s of {@code maxDelay} plus the
 * pass itself) on purpose: at 1 s, an adding thread scanned 10,000 entries once per pass, 20 % of
 * the adding threads' profile samples in the 10,000-key benchmark. Thread-safe.
 */
public final class DirtyCount {

    static final long RECOUNT_MILLIS = 5_000;

    private final LongSupplier count;
    private final LongSupplier nanoClock;
    private final AtomicBoolean counting = new AtomicBoolean();
    private final LongAdder sinceCount = new LongAdder();
    private volatile long counted = -1;
    private volatile long nextCountNanos;

    public DirtyCount(LongSupplier count) {
        this(count, System::nanoTime);
    }

    DirtyCount(LongSupplier count, LongSupplier nanoClock) {
        this.count = count;
        this.nanoClock = nanoClock;
    }

    /** One entry became dirty (+1) or clean (-1) by a call of this node. */
    public void changed(int delta) {
        sinceCount.add(delta);
    }

    public long get() {
        if (counted < 0 || nanoClock.getAsLong() - nextCountNanos > 0) {
            recount();
        }
        return Math.max(0, counted + sinceCount.sum());
    }

    /** A count made elsewhere (the write-back's list of dirty keys): an add need not scan again. */
    public void counted(long dirty) {
        sinceCount.reset();
        counted = dirty;
        nextCountNanos = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(RECOUNT_MILLIS);
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
