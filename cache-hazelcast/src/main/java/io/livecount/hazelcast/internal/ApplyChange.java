package io.livecount.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one {@link EntryChange} on the partition that owns the entry, atomically, at most once per
 * caller and sequence number (see {@link StoredEntry}). Returns the new entry (null: none), wrapped in
 * {@link Flipped} when it became dirty or clean, {@link #REJECTED} when the change rejected the
 * entry it found, or a {@link Failure} carrying what the
 * change threw (an overflow): returned rather than thrown, so that Hazelcast does not log a
 * caller's bad input as a member error.
 *
 * <p>A member that has just woken from a long pause refuses the change ({@link PauseGuard}). Only
 * the owner runs the change; when it changed the entry, its backups store the owner's new entry
 * ({@link ReplicaValue}). A second run of a change it applied before sends the backups the entry
 * again, so that a repeat succeeds only once the change is on the backups too (the first run's
 * backup may be what did not confirm). A refusal or a rejection sends them nothing. So an instance
 * serves one key at a time (one call of {@code executeOnKey}; not {@code
 * executeOnKeys}, whose backups are asynchronous anyway).
 */
public final class ApplyChange implements EntryProcessor<CounterBucket, StoredEntry, Object>, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    /** What {@link #process} returns for a rejected change: not an entry, and cheap to send. */
    public static final Object REJECTED = Boolean.FALSE;

    /** What a change threw, for the caller to rethrow. */
    public record Failure(RuntimeException thrown) implements Serializable {}

    /** The new entry of a change that made the entry dirty or clean (for the node's dirty count). */
    public record Flipped(CounterEntry entry, boolean dirty) implements Serializable {}

    private final EntryChange change;
    private final long caller;
    private final long sequence;
    private transient HazelcastInstance member;
    /** Set by {@link #process} when it changed the entry, read by Hazelcast right after it on the same thread. */
    private transient ReplicaValue backup;

    /** {@code change}, the {@code sequence}-th call of {@code caller} (see {@link Callers}). */
    public ApplyChange(EntryChange change, long caller, long sequence) {
        this.change = change;
        this.caller = caller;
        this.sequence = sequence;
    }

    /** Hazelcast gives the member that runs the processor, before it runs. */
    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        this.member = member;
    }

    EntryChange change() {
        return change;
    }

    long caller() {
        return caller;
    }

    long sequence() {
        return sequence;
    }

    @Override
    public Object process(Map.Entry<CounterBucket, StoredEntry> entry) {
        backup = null;
        RuntimeException refusal = member != null ? PauseGuard.of(member).refusal() : null;
        if (refusal != null) {
            return new Failure(refusal);
        }
        StoredEntry stored = entry.getValue();
        CounterEntry current = StoredEntry.entryOf(stored);
        if (stored != null && stored.applied(caller, sequence)) {
            backup = new ReplicaValue(stored); // a second run: in the entry already, perhaps not on the backups
            return current;
        }
        CounterEntry next;
        try {
            next = change.apply(current);
        } catch (EntryChange.Rejected rejected) {
            return REJECTED;
        } catch (RuntimeException thrown) {
            return new Failure(thrown);
        }
        if (Objects.equals(current, next)) {
            return next;
        }
        long now = System.currentTimeMillis();
        backup = ReplicaValue.store(entry, StoredEntry.after(stored, next, caller, sequence, now));
        boolean wasDirty = current != null && current.isDirty();
        boolean isDirty = next != null && next.isDirty();
        return wasDirty == isDirty ? next : new Flipped(next, isDirty);
    }

    @Override
    public EntryProcessor<CounterBucket, StoredEntry, Object> getBackupProcessor() {
        return backup;
    }
}
