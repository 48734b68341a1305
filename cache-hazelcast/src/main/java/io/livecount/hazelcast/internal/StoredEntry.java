package io.livecount.hazelcast.internal;

import io.livecount.spi.CounterEntry;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What the map holds per key: core's entry, and which caller's changes made it, so that a change
 * Hazelcast runs twice is applied once.
 *
 * <p>A call of unknown outcome is repeated (see {@code UncertainRetries}): the owner of the key left
 * or died between running the change and answering (hazelcast#12952), the answer timed out, or the
 * owner answered but its backup did not confirm in time. The repeat may reach the same owner or a
 * new one (whose backup copy may hold the change), seconds later, after any number of other
 * callers' changes of a hot key, and after a write-back removed the entry. So the entry remembers,
 * for each caller that changed it in the last {@link #CALLER_KEPT_MILLIS}, the sequence number of
 * that caller's last change ({@code callers}: triples of caller, sequence, owner's clock in epoch
 * milliseconds, newest first). A caller ({@link Callers}) makes one call at a time and numbers its
 * calls in increasing order, so a change whose sequence is not above the remembered one was
 * applied. A removal leaves a tombstone ({@code entry} null, read as no entry) holding the callers
 * until they are forgotten.
 *
 * <p>Everything travels to the backups with the entry (see {@link ReplicaValue}), with {@code
 * changedAt}, the owner's clock when the entry last changed: a clean entry leaves the map {@code
 * cleanEntryTtl} after it (see {@link ExpireClean}). Immutable.
 */
public record StoredEntry(CounterEntry entry, long changedAt, long[] callers) {

    /**
     * How long a caller's last change is remembered: longer than a call of unknown outcome is
     * repeated ({@code UncertainRetries}, 2 minutes, and Hazelcast's own invocation retries within
     * the call timeout).
     */
    static final long CALLER_KEPT_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private static final int CALLER = 0;
    private static final int SEQUENCE = 1;
    private static final int AT = 2;
    private static final int WIDTH = 3;
    private static final long[] NO_CALLERS = {};

    /** Whether {@code caller}'s change number {@code sequence} is in this entry. */
    boolean applied(long caller, long sequence) {
        for (int i = 0; i < callers.length; i += WIDTH) {
            if (callers[i + CALLER] == caller) {
                return callers[i + SEQUENCE] >= sequence;
            }
        }
        return false;
    }

    /** Whether this holds only the callers of an entry that was removed (read as no entry). */
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

    /** Whether some caller must still be remembered at {@code nowMillis}. */
    boolean keepsCallers(long nowMillis) {
        for (int i = 0; i < callers.length; i += WIDTH) {
            if (kept(callers[i + AT], nowMillis)) {
                return true;
            }
        }
        return false;
    }

    /** This without its entry: what a removal leaves while it keeps callers. */
    StoredEntry tombstone() {
        return new StoredEntry(null, changedAt, callers);
    }

    /**
     * What the map holds after {@code caller}'s change number {@code sequence}, made at {@code
     * nowMillis}, left {@code next} (null: removed, a tombstone). The callers not heard from for
     * {@link #CALLER_KEPT_MILLIS} are forgotten.
     */
    static StoredEntry after(StoredEntry previous, CounterEntry next, long caller, long sequence, long nowMillis) {
        long[] before = previous == null ? NO_CALLERS : previous.callers;
        long[] callers = new long[WIDTH + before.length];
        callers[CALLER] = caller;
        callers[SEQUENCE] = sequence;
        callers[AT] = nowMillis;
        int length = WIDTH;
        for (int i = 0; i < before.length; i += WIDTH) {
            if (before[i + CALLER] != caller && kept(before[i + AT], nowMillis)) {
                System.arraycopy(before, i, callers, length, WIDTH);
                length += WIDTH;
            }
        }
        return new StoredEntry(next, nowMillis, length == callers.length ? callers : Arrays.copyOf(callers, length));
    }

    public static CounterEntry entryOf(StoredEntry stored) {
        return stored == null ? null : stored.entry;
    }

    private static boolean kept(long atMillis, long nowMillis) {
        return nowMillis - atMillis < CALLER_KEPT_MILLIS;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredEntry that
                && Objects.equals(entry, that.entry)
                && changedAt == that.changedAt
                && Arrays.equals(callers, that.callers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entry, changedAt) + 31 * Arrays.hashCode(callers);
    }

    @Override
    public String toString() {
        return (entry == null ? "tombstone" : entry.toString()) + " at " + changedAt + " after "
                + Arrays.toString(callers);
    }
}
