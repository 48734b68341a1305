package io.livecount.hazelcast.internal;

import io.livecount.spi.CounterEntry;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What the map holds per key: core's entry, and the ids of the changes that made it, so that a
 * change Hazelcast runs twice is applied once.
 *
 * <p>Hazelcast may run an entry processor twice when the owner of the key leaves or dies between
 * running it and answering (hazelcast#12952): the caller's retry reaches the new owner, whose
 * backup copy already holds the change. Two kinds of memory recognise it:
 *
 * <ul>
 *   <li>{@code recentChanges}: the ids of the last {@value #REMEMBERED} changes made by the owner
 *       {@code owner} (a tag of the member), newest first: for a repeat on the same owner (a call
 *       that timed out).
 *   <li>{@code handedOver}: when a member changes an entry that another member last changed (it
 *       was promoted from a backup, or migrated), the previous owner's recent ids are kept for
 *       {@link #HANDOVER_KEPT_MILLIS} from then, however many changes follow, and even when the
 *       entry is removed: it then stays as a tombstone ({@code entry} null) holding only the ids.
 *       These are the changes whose answers the old owner may never have sent; their repeats come
 *       after the new owner has taken over, while other callers' changes, possibly hundreds a
 *       second on a hot key, or a write-back that removes the entry, reach it first.
 * </ul>
 *
 * <p>Everything travels to the backups with the entry (see {@link ReplicaValue}), with {@code
 * changedAt}, the owner's clock (epoch milliseconds) when the entry last changed: a clean entry
 * leaves the map {@code cleanEntryTtl} after it (see {@link ExpireClean}). Immutable.
 */
public record StoredEntry(
        CounterEntry entry, long changedAt, long owner, long[] recentChanges, long[] handedOver, long handedOverAt) {

    /** More than the changes of one key that can be in flight at once across a cluster's callers. */
    static final int REMEMBERED = 16;

    /**
     * How long a new owner remembers its predecessors' changes: longer than a caller repeats a call
     * of unknown outcome ({@code UncertainRetries}, 2 minutes, and Hazelcast's own invocation
     * retries within the call timeout).
     */
    static final long HANDOVER_KEPT_MILLIS = TimeUnit.MINUTES.toMillis(5);

    /** Bounds the ids of several handovers in one {@link #HANDOVER_KEPT_MILLIS} (a rolling restart). */
    static final int HANDED_OVER_MAX = 4 * REMEMBERED;

    static final long[] NONE = new long[0];

    /** Whether the change with this id was applied to this entry (recently, or before a handover). */
    boolean applied(long changeId) {
        return contains(recentChanges, changeId) || contains(handedOver, changeId);
    }

    /** Whether this holds only the ids of an entry that was removed (read as no entry). */
    boolean isTombstone() {
        return entry == null;
    }

    boolean isDirty() {
        return entry != null && entry.isDirty();
    }

    /** Whether this entry holds no delta and has not changed since {@code cutoffMillis}. */
    boolean cleanSince(long cutoffMillis) {
        return !isDirty() && changedAt <= cutoffMillis;
    }

    /** Whether the handed-over ids must still be kept at {@code nowMillis}. */
    boolean keepsHandover(long nowMillis) {
        return handedOver.length > 0 && nowMillis - handedOverAt < HANDOVER_KEPT_MILLIS;
    }

    /** This without its entry: what a removal leaves while the handover is kept. */
    StoredEntry tombstone() {
        return new StoredEntry(null, changedAt, owner, recentChanges, handedOver, handedOverAt);
    }

    /**
     * What the map holds after change {@code changeId}, made by member {@code owner} at {@code
     * nowMillis}, left {@code next} (null: removed). Null when nothing needs keeping.
     */
    static StoredEntry after(StoredEntry previous, CounterEntry next, long changeId, long owner, long nowMillis) {
        boolean sameOwner = previous != null && previous.owner == owner;
        long[] recent = newestFirst(changeId, sameOwner ? previous.recentChanges : NONE);
        long[] handed = NONE;
        long handedAt = 0;
        if (previous != null && previous.keepsHandover(nowMillis)) {
            handed = previous.handedOver;
            handedAt = previous.handedOverAt;
        }
        if (previous != null && !sameOwner && previous.recentChanges.length > 0) { // a new owner takes over
            handed = prepend(previous.recentChanges, handed, HANDED_OVER_MAX);
            handedAt = nowMillis;
        }
        if (next == null && handed.length == 0) {
            return null;
        }
        return new StoredEntry(next, nowMillis, owner, recent, handed, handedAt);
    }

    public static CounterEntry entryOf(StoredEntry stored) {
        return stored == null ? null : stored.entry;
    }

    private static boolean contains(long[] ids, long id) {
        for (long candidate : ids) {
            if (candidate == id) {
                return true;
            }
        }
        return false;
    }

    /** {@code id}, then the newest of {@code before}: at most {@value #REMEMBERED} ids, one array per change. */
    private static long[] newestFirst(long id, long[] before) {
        long[] ids = new long[Math.min(REMEMBERED, before.length + 1)];
        ids[0] = id;
        System.arraycopy(before, 0, ids, 1, ids.length - 1);
        return ids;
    }

    /** {@code first} then {@code then}, cut to {@code max} ids. */
    private static long[] prepend(long[] first, long[] then, int max) {
        long[] ids = Arrays.copyOf(first, Math.min(max, first.length + then.length));
        System.arraycopy(then, 0, ids, first.length, ids.length - first.length);
        return ids;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredEntry that
                && Objects.equals(entry, that.entry)
                && changedAt == that.changedAt
                && owner == that.owner
                && Arrays.equals(recentChanges, that.recentChanges)
                && Arrays.equals(handedOver, that.handedOver)
                && handedOverAt == that.handedOverAt;
    }

    @Override
    public int hashCode() {
        return Objects.hash(entry, changedAt, owner, handedOverAt)
                + 31 * (Arrays.hashCode(recentChanges) + 31 * Arrays.hashCode(handedOver));
    }

    @Override
    public String toString() {
        return (entry == null ? "tombstone" : entry.toString()) + " at " + changedAt + " by " + owner + " after "
                + Arrays.toString(recentChanges)
                + (handedOver.length == 0 ? "" : " handed over " + Arrays.toString(handedOver) + " at " + handedOverAt);
    }
}
