package io.livecount.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link EntryChange} on the partition that owns the entry, atomically, at most once per
 * {@code changeId} (see {@link StoredEntry}). Returns the new entry (null: none), {@link
 * #REJECTED} when the change rejected the entry it found, or a {@link Failure} carrying what the
 * change threw (an overflow): returned rather than thrown, so that Hazelcast does not log a
 * caller's bad input as a member error.
 *
 * <p>The backup copies are not changed by running the change again but by {@link SetEntry} with
 * the entry the owner computed: a backup can never compute something else than its owner did. A new
 * instance per call: it keeps that result between {@link #process} and {@link
 * #getBackupProcessor}, which Hazelcast calls on the same instance after processing.
 */
public final class ApplyChange implements EntryProcessor<BucketKey, StoredEntry, Object> {

    private static final long serialVersionUID = 1L;

    /** What {@link #process} returns for a rejected change: not an entry, and cheap to send. */
    public static final Object REJECTED = Boolean.FALSE;

    /** What a change threw, for the caller to rethrow. */
    public record Failure(RuntimeException thrown) implements Serializable {}

    private final EntryChange change;
    private final long changeId;
    private final long cleanTtlSeconds;
    private transient SetEntry backup;

    public ApplyChange(EntryChange change, long changeId, long cleanTtlSeconds) {
        this.change = change;
        this.changeId = changeId;
        this.cleanTtlSeconds = cleanTtlSeconds;
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

    @Override
    public Object process(Map.Entry<BucketKey, StoredEntry> entry) {
        backup = null;
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
        if (!Objects.equals(current, next)) {
            StoredEntry after = StoredEntry.after(stored, next, changeId);
            SetEntry.store(entry, after, cleanTtlSeconds);
            backup = new SetEntry(after, cleanTtlSeconds);
        }
        return next;
    }

    /** Null when nothing changed: Hazelcast then sends no backup at all. */
    @Override
    public EntryProcessor<BucketKey, StoredEntry, Object> getBackupProcessor() {
        return backup;
    }

    /**
     * Stores an entry with the expiry it needs: a dirty entry never expires (it holds the only
     * copies of its deltas), a clean one after {@code cleanTtlSeconds} (0: never).
     */
    @SuppressWarnings("unchecked")
    static void setWithTtl(Map.Entry<BucketKey, StoredEntry> entry, StoredEntry value, long cleanTtlSeconds) {
        long ttl = value.entry().isDirty() ? 0 : cleanTtlSeconds;
        ((ExtendedMapEntry<BucketKey, StoredEntry>) entry).setValue(value, ttl, TimeUnit.SECONDS);
    }
}
