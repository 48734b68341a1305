package io.livecount.internal.writeback;

import io.livecount.CounterKey;
import io.livecount.CounterOverflowException;
import io.livecount.spi.BucketKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The buckets whose acknowledged deltas cannot be written because the stored value plus the delta
 * leaves the range of a long (see {@link CounterOverflowException}). The deltas themselves stay
 * where they are (in flight in the cache entry, or in the local window) and are tried again by
 * every pass; this registry only makes them visible: an ERROR when a bucket is first kept, the
 * metric, and the failure of an explicit flush or close.
 *
 * <p>Thread-safe.
 */
final class UnwritableDeltas {

    private static final System.Logger LOG = System.getLogger(UnwritableDeltas.class.getName());
    private static final int NAMED_IN_MESSAGE = 10;

    private final Map<BucketKey, Long> deltas = new ConcurrentHashMap<>();

    /** {@code delta} of {@code bucket} could not be written now. */
    void keep(BucketKey bucket, long delta) {
        if (deltas.put(bucket, delta) == null) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "FAST delta {0} of {1} cannot be written: added to the stored value it leaves the range"
                            + " of a long. It is kept and tried again by every write-back; flush() and close()"
                            + " fail until it is written (when the stored value makes room) or the counter is"
                            + " deleted",
                    delta,
                    bucket);
        }
    }

    /** {@code bucket}'s deltas were written (or discarded with its counter). */
    void release(BucketKey bucket) {
        if (!deltas.isEmpty()) {
            deltas.remove(bucket);
        }
    }

    /** The buckets of {@code key} kept now. */
    List<BucketKey> bucketsOf(CounterKey key) {
        if (deltas.isEmpty()) {
            return List.of();
        }
        return deltas.keySet().stream()
                .filter(bucket -> bucket.key().equals(key))
                .toList();
    }

    int count() {
        return deltas.size();
    }

    /** Throws {@link CounterOverflowException} naming the buckets, if any delta is kept. */
    void throwIfAny() {
        if (deltas.isEmpty()) {
            return;
        }
        String named = deltas.entrySet().stream()
                .limit(NAMED_IN_MESSAGE)
                .map(e -> e.getKey() + " (delta " + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        throw new CounterOverflowException(deltas.size() + " FAST counter bucket(s) hold acknowledged deltas that"
                + " cannot be written because the stored value plus the delta leaves the range of a long: " + named
                + (deltas.size() > NAMED_IN_MESSAGE ? ", ..." : "")
                + ". They are kept and tried again by every write-back.");
    }
}
