package io.livecount.internal.writeback;

import io.livecount.BacklogFullException;
import io.livecount.WriteBackConfig;
import io.livecount.internal.store.Row;
import io.livecount.spi.CounterCache;
import io.livecount.spi.CounterEntry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The bound of the backlog: an add that would make one more bucket dirty while {@link
 * WriteBackConfig#maxBacklog()} buckets are dirty gets the configured policy. Adds to buckets that
 * are dirty already always pass: they cost no memory.
 *
 * <p>Thread-safe.
 */
final class BacklogGate {

    private final WriteBackConfig settings;
    private final CacheAccess cache;
    private final LongSupplier heldOutside;
    private final Runnable requestFlush;
    private final BooleanSupplier closed;

    /** {@code heldOutside}: adds waiting for write-back outside the cache (with idempotency keys). */
    BacklogGate(
            WriteBackConfig settings,
            CacheAccess cache,
            LongSupplier heldOutside,
            Runnable requestFlush,
            BooleanSupplier closed) {
        this.settings = settings;
        this.cache = cache;
        this.heldOutside = heldOutside;
        this.requestFlush = requestFlush;
        this.closed = closed;
    }

    /**
     * Applies the backlog policy to an add of {@code rows}; false means "write it through". An
     * empty list stands for an add whose buckets are not known yet (the local window): treated as
     * new buckets.
     */
    boolean admits(List<Row> rows) {
        CounterCache provider = cache.cache();
        while (provider.dirtyCount() + heldOutside.getAsLong() >= settings.maxBacklog() && !allDirty(rows)) {
            requestFlush.run();
            switch (settings.backlogPolicy()) {
                case WRITE_THROUGH:
                    return false;
                case FAIL_FAST:
                    throw backlogFull();
                case BLOCK:
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
                    if (Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                        throw backlogFull();
                    }
                    if (closed.getAsBoolean()) {
                        throw new IllegalStateException("this CounterService was closed while the add waited");
                    }
            }
        }
        return true;
    }

    private boolean allDirty(List<Row> rows) {
        if (rows.isEmpty()) {
            return false;
        }
        for (Row row : rows) {
            CounterEntry entry = cache.get(row.id());
            if (entry == null || !entry.isDirty()) {
                return false;
            }
        }
        return true;
    }

    private BacklogFullException backlogFull() {
        return new BacklogFullException(
                "the FAST backlog is full: " + cache.cache().dirtyCount()
                        + " counter buckets and " + heldOutside.getAsLong()
                        + " adds with idempotency keys wait for write-back (maxBacklog " + settings.maxBacklog()
                        + "); the database is probably unavailable. Nothing of this add was kept.");
    }
}
