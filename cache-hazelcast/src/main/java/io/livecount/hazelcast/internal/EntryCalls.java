package io.livecount.hazelcast.internal;

import com.hazelcast.map.IMap;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import java.time.Duration;

/**
 * How {@code HazelcastCounterCache} calls the owners of its entries: each change as an entry
 * processor ({@link ApplyChange}) under a caller's number, repeated while its outcome is unknown,
 * and checked for a pause of this member that the call spanned. Failures leave as the SPI's kinds
 * ({@link SpiFailures}). Thread-safe.
 */
public final class EntryCalls {

    private final IMap<CounterBucket, StoredEntry> map;
    private final UncertainRetries retries = new UncertainRetries(Duration.ofMinutes(2));
    private final Callers callers = new Callers();
    private final DirtyCount dirtyCount;
    private final PauseGuard pauseGuard; // null on a client: its copies are never the owner's

    public EntryCalls(IMap<CounterBucket, StoredEntry> map, DirtyCount dirtyCount, PauseGuard pauseGuard) {
        this.map = map;
        this.dirtyCount = dirtyCount;
        this.pauseGuard = pauseGuard;
    }

    /** See {@code HazelcastCounterCache.apply}, whose contract this implements. */
    public CounterEntry apply(BucketKey key, EntryChange change) {
        Callers.Caller caller = callers.borrow();
        try {
            return apply(key, new ApplyChange(change, caller.id(), caller.nextSequence()));
        } catch (RuntimeException failure) {
            throw SpiFailures.translated(failure);
        } finally {
            callers.giveBack(caller);
        }
    }

    /** The key's entry, read from its owner; repeated like a change while the outcome is unknown. */
    public CounterEntry get(BucketKey key) {
        try {
            return StoredEntry.entryOf(retries.run(() -> map.get(new CounterBucket(key))));
        } catch (RuntimeException failure) {
            throw SpiFailures.translated(failure);
        }
    }

    private CounterEntry apply(BucketKey key, ApplyChange apply) {
        long start = System.nanoTime();
        Object result;
        try {
            result = retries.run(() -> {
                Object answer = map.executeOnKey(new CounterBucket(key), apply);
                if (answer instanceof ApplyChange.Failure failure) {
                    throw failure.thrown(); // in the retry loop: a refusal after an uncertain attempt is no answer
                }
                return answer;
            });
        } catch (RuntimeException failed) {
            RuntimeException unknown = spannedPause(start);
            if (unknown == null) {
                throw failed;
            }
            unknown.addSuppressed(failed);
            throw unknown; // refused now, but an attempt before the pause may have run
        }
        RuntimeException unknown = spannedPause(start);
        if (unknown != null) {
            throw unknown; // applied, but perhaps only to a copy this member no longer owns
        }
        if (ApplyChange.REJECTED.equals(result)) {
            throw new EntryChange.Rejected();
        }
        if (result instanceof ApplyChange.Flipped flipped) {
            dirtyCount.changed(flipped.dirty() ? 1 : -1);
            return flipped.entry();
        }
        return (CounterEntry) result;
    }

    /** Null, or the indeterminate outcome of a call that spanned a long pause of this member. */
    private RuntimeException spannedPause(long startNanos) {
        return pauseGuard == null ? null : pauseGuard.spannedPause(startNanos);
    }
}
