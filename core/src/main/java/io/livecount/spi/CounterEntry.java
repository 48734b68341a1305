package io.livecount.spi;

import java.io.Serializable;

/**
 * What a {@link CounterCache} holds for one {@link BucketKey}: the value the database had when it
 * was loaded, the deltas not yet written back, and the deltas of a write-back in flight. Immutable
 * and value-based: providers compare entries with {@link #equals} in {@link
 * CounterCache#replace}. Only Livecount's core creates and changes entries; a provider stores them
 * as they are.
 *
 * @param stored the database value when loaded, minus nothing in flight; meaningless unless {@link
 *     #isLoaded()}
 * @param pending deltas added here and not yet taken by a write-back
 * @param inflight deltas taken by the write-back {@link #flushId}, not yet known to be committed
 * @param flushId the id of the last write-back that took deltas of this entry (0: none yet)
 * @param loadedAt when {@link #stored} was read (the service's clock, epoch milliseconds); 0 when
 *     the entry holds deltas only and {@link #stored} is unknown
 */
public record CounterEntry(long stored, long pending, long inflight, long flushId, long loadedAt)
        implements Serializable {

    /**
     * Whether the entry holds deltas that are not yet in the database. A provider must never evict
     * or expire a dirty entry; it may drop a clean one at any time.
     */
    public boolean isDirty() {
        return pending != 0 || inflight != 0;
    }

    /** Whether {@link #stored} holds a value read from the database. */
    public boolean isLoaded() {
        return loadedAt != 0;
    }
}
