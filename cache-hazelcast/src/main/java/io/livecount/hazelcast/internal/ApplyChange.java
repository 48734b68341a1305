package io.livecount.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link EntryChange} on the partition that owns the entry, atomically, at most once per
 * {@code changeId} (see {@link StoredEntry}). Returns the new entry (null: none), wrapped in
 * {@link Flipped} when it became dirty or clean, {@link #REJECTED} when the change rejected the
 * entry it found, or a {@link Failure} carrying what the
 * change threw (an overflow): returned rather than thrown, so that Hazelcast does not log a
 * caller's bad input as a member error.
 *
 * <p>On the owner, a member that has just woken from a long pause refuses the change ({@link
 * PauseGuard}). The backups run the same change without that check: core's changes are
 * deterministic and the backup holds the same entry and the same change ids as its owner, so it
 * computes the same entry. A backup runs only when the owner changed the entry: Hazelcast sends
 * the backup processor after every run, and one sent after a refusal would apply on the backup
 * a change the caller was told failed. So an instance serves one key at a time (one call of
 * {@code executeOnKey}; not {@code executeOnKeys}, whose backups are asynchronous anyway).
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
    private final long changeId;
    private final long cleanTtlSeconds;
    private final boolean onOwner;
    private transient HazelcastInstance member;
    /** Set by {@link #process} on the owner, read by Hazelcast right after it on the same thread. */
    private transient boolean changedEntry;

    /** The change as its key's owner runs it. */
    public ApplyChange(EntryChange change, long changeId, long cleanTtlSeconds) {
        this(change, changeId, cleanTtlSeconds, true);
    }

    ApplyChange(EntryChange change, long changeId, long cleanTtlSeconds, boolean onOwner) {
        this.change = change;
        this.changeId = changeId;
        this.cleanTtlSeconds = cleanTtlSeconds;
        this.onOwner = onOwner;
    }

    /** Hazelcast gives the member that runs the processor, before it runs. */
    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        this.member = member;
    }

    EntryChange change() {
        return change;
    }

    long changeId() {
        return changeId;
    }

    long cleanTtlSeconds() {
        return cleanTtlSeconds;
    }

    boolean onOwner() {
        return onOwner;
    }

    @Override
    public Object process(Map.Entry<CounterBucket, StoredEntry> entry) {
        changedEntry = false;
        RuntimeException refusal =
                onOwner && member != null ? PauseGuard.of(member).refusal() : null;
        if (refusal != null) {
            return new Failure(refusal);
        }
        StoredEntry stored = entry.getValue();
        CounterEntry current = StoredEntry.entryOf(stored);
        if (stored != null && stored.applied(changeId)) {
            return current; // a second run of this change: it is in the entry already
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
        store(entry, StoredEntry.after(stored, next, changeId));
        changedEntry = true;
        boolean wasDirty = current != null && current.isDirty();
        boolean isDirty = next != null && next.isDirty();
        return wasDirty == isDirty ? next : new Flipped(next, isDirty);
    }

    @Override
    public EntryProcessor<CounterBucket, StoredEntry, Object> getBackupProcessor() {
        return onOwner && changedEntry ? new ApplyChange(change, changeId, cleanTtlSeconds, false) : null;
    }

    /**
     * Stores an entry with the expiry it needs (null removes it): a dirty entry never expires (it
     * holds the only copies of its deltas), a clean one after {@code cleanTtlSeconds} (0: never).
     */
    @SuppressWarnings("unchecked")
    private void store(Map.Entry<CounterBucket, StoredEntry> entry, StoredEntry value) {
        if (value == null) {
            entry.setValue(null);
            return;
        }
        long ttl = value.entry().isDirty() ? 0 : cleanTtlSeconds;
        ((ExtendedMapEntry<CounterBucket, StoredEntry>) entry).setValue(value, ttl, TimeUnit.SECONDS);
    }
}
