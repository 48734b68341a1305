package io.livecount.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link EntryChange} on the partition that owns the entry, atomically. Returns the new
 * entry (null: none), or {@link #REJECTED} when the change rejected the entry it found.
 *
 * <p>The backup copies are not changed by running the change again but by {@link SetEntry} with
 * the entry the owner computed: only five longs travel to the backup, and a backup can never
 * compute something else than its owner did. A new instance per call: it keeps that result
 * between {@link #process} and {@link #getBackupProcessor}, which Hazelcast calls on the same
 * instance after processing.
 */
public final class ApplyChange implements EntryProcessor<BucketKey, CounterEntry, Object> {

    private static final long serialVersionUID = 1L;

    /** What {@link #process} returns for a rejected change: not an entry, and cheap to send. */
    public static final Object REJECTED = Boolean.FALSE;

    private final EntryChange change;
    private final long cleanTtlSeconds;
    private transient SetEntry backup;

    public ApplyChange(EntryChange change, long cleanTtlSeconds) {
        this.change = change;
        this.cleanTtlSeconds = cleanTtlSeconds;
    }

    EntryChange change() {
        return change;
    }

    long cleanTtlSeconds() {
        return cleanTtlSeconds;
    }

    @Override
    public Object process(Map.Entry<BucketKey, CounterEntry> entry) {
        backup = null;
        CounterEntry current = entry.getValue();
        CounterEntry next;
        try {
            next = change.apply(current);
        } catch (EntryChange.Rejected rejected) {
            return REJECTED;
        }
        if (!Objects.equals(current, next)) {
            SetEntry.store(entry, next, cleanTtlSeconds);
            backup = new SetEntry(next, cleanTtlSeconds);
        }
        return next;
    }

    /** Null when nothing changed: Hazelcast then sends no backup at all. */
    @Override
    public EntryProcessor<BucketKey, CounterEntry, Object> getBackupProcessor() {
        return backup;
    }

    /**
     * Stores an entry with the expiry it needs: a dirty entry never expires (it holds the only
     * copies of its deltas), a clean one after {@code cleanTtlSeconds} (0: never).
     */
    static long ttlSeconds(CounterEntry entry, long cleanTtlSeconds) {
        return entry.isDirty() ? 0 : cleanTtlSeconds;
    }

    @SuppressWarnings("unchecked")
    static void setWithTtl(Map.Entry<BucketKey, CounterEntry> entry, CounterEntry value, long ttlSeconds) {
        ((ExtendedMapEntry<BucketKey, CounterEntry>) entry).setValue(value, ttlSeconds, TimeUnit.SECONDS);
    }
}
