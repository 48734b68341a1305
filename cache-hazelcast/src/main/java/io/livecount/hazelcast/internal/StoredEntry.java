package io.livecount.hazelcast.internal;

import io.livecount.spi.CounterEntry;
import java.util.Arrays;

/**
 * What the map holds per key: core's entry plus the ids of the last {@value #REMEMBERED} changes
 * applied to it, newest first. Hazelcast may run an entry processor twice when the owner of the
 * key leaves or dies between running it and answering (hazelcast#12952): the caller's retry
 * reaches the new owner, whose backup copy already holds the change. With the ids, the second run
 * is recognised and does nothing, so an add is counted once. The ids travel to the backups with
 * the entry, and so does {@code changedAt}, the owner's clock (epoch milliseconds) when the entry
 * last changed: a clean entry leaves the map {@code cleanEntryTtl} after it (see {@link
 * ExpireClean}).
 *
 * <p>Immutable.
 */
public record StoredEntry(CounterEntry entry, long[] recentChanges, long changedAt) {

    /** More than the changes of one key that can be in flight at once across a cluster's callers. */
    static final int REMEMBERED = 16;

    /** Whether the change with this id was applied to this entry (recently). */
    boolean applied(long changeId) {
        for (long id : recentChanges) {
            if (id == changeId) {
                return true;
            }
        }
        return false;
    }

    /** Whether this entry holds no delta and has not changed since {@code cutoffMillis}. */
    boolean cleanSince(long cutoffMillis) {
        return !entry.isDirty() && changedAt <= cutoffMillis;
    }

    /** The next entry after change {@code changeId} at {@code nowMillis}; null stays null (the key is removed). */
    static StoredEntry after(StoredEntry previous, CounterEntry next, long changeId, long nowMillis) {
        if (next == null) {
            return null;
        }
        long[] before = previous == null ? new long[0] : previous.recentChanges;
        long[] ids = new long[Math.min(REMEMBERED, before.length + 1)];
        ids[0] = changeId;
        System.arraycopy(before, 0, ids, 1, ids.length - 1);
        return new StoredEntry(next, ids, nowMillis);
    }

    public static CounterEntry entryOf(StoredEntry stored) {
        return stored == null ? null : stored.entry;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredEntry that
                && entry.equals(that.entry)
                && Arrays.equals(recentChanges, that.recentChanges)
                && changedAt == that.changedAt;
    }

    @Override
    public int hashCode() {
        return (entry.hashCode() * 31 + Arrays.hashCode(recentChanges)) * 31 + Long.hashCode(changedAt);
    }

    @Override
    public String toString() {
        return entry + " after " + Arrays.toString(recentChanges) + " at " + changedAt;
    }
}
