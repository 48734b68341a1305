package io.livecount.internal.writeback;

import io.livecount.CounterUnavailableException;
import io.livecount.internal.Bucketing;
import io.livecount.internal.store.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Moves the {@link LocalWindow}'s sums into the cache: each sum goes in whole, under its counter's
 * {@link AddGate} stripe, or back into the window; a sum is never dropped, not even after close.
 * Thread-safe.
 */
final class WindowDrain implements Runnable {

    private final LocalWindow window;
    private final Bucketing bucketing;
    private final AddGate gate;
    private final CacheAdds adds;
    private final FlushCycle cycle;
    private final Consumer<List<Row>> invalidate;

    /** {@code invalidate}: forgets the cached stored values of rows (see {@link #moveToCache}). */
    WindowDrain(
            LocalWindow window,
            Bucketing bucketing,
            AddGate gate,
            CacheAdds adds,
            FlushCycle cycle,
            Consumer<List<Row>> invalidate) {
        this.window = window;
        this.bucketing = bucketing;
        this.gate = gate;
        this.adds = adds;
        this.cycle = cycle;
        this.invalidate = invalidate;
    }

    /** Moves the window into the cache; one drain at a time, so a flush sees all before it. */
    @Override
    public void run() {
        synchronized (window) {
            List<RuntimeException> failures = new ArrayList<>();
            window.drain((slot, sum) -> {
                Instant at =
                        slot.second() == LocalWindow.ANY_TIME ? Instant.EPOCH : Instant.ofEpochSecond(slot.second());
                List<Row> rows = bucketing.rows(slot.key(), sum, at);
                long stamp = gate.enterAdd(slot.key()); // a write-back takes the sum whole (see AddGate)
                try {
                    if (moveToCache(rows)) {
                        cycle.pendingTotal.add(sum);
                        return;
                    }
                } catch (CounterUnavailableException refused) { // nothing of the sum applied
                    failures.add(refused);
                } catch (RuntimeException partly) { // some buckets may hold it: putting it back would count twice
                    failures.add(partly);
                    return;
                } finally {
                    gate.exitAdd(slot.key(), stamp);
                }
                window.putBack(slot, sum); // never dropped, even after close
            });
            if (!failures.isEmpty()) { // after the whole drain: every other sum went on
                failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
                throw failures.get(0);
            }
        }
    }

    /**
     * Adds a window's sum to the cache. The sum was acknowledged already, so a cached stored value
     * that it would overflow does not refuse it: the stored value is forgotten and the sum goes in
     * as a delta, for the write-back to write or to report as unwritable. Only a sum that overflows
     * the deltas themselves stays out (reported as unwritable too).
     */
    private boolean moveToCache(List<Row> rows) {
        try {
            adds.addRows(rows);
        } catch (CacheAdds.BucketOverflow overStored) {
            invalidate.accept(rows);
            try {
                adds.addRows(rows);
            } catch (CacheAdds.BucketOverflow overDeltas) {
                cycle.unwritable.keep(overDeltas.bucket, overDeltas.delta);
                return false;
            }
        }
        rows.forEach(row -> cycle.unwritable.release(row.id()));
        return true;
    }
}
