package io.livecount;

/**
 * FAST deltas that were acknowledged cannot be written: added to the value the database holds, they
 * would leave the range of a long. This happens only when the node could not tell at the add (the
 * stored value was not cached, or another node or a STRICT add raised it since). Such deltas are
 * never dropped silently: they stay in the cache, every write-back pass tries them again (they are
 * written as soon as the stored value makes room), {@link WriteBackMetrics#unwritableBuckets()}
 * counts them, an ERROR is logged naming the bucket, and {@link CounterService#flush()} and {@link
 * CounterService#close()} throw this exception naming the buckets while any remain. Every other
 * delta is written as usual.
 */
public class CounterOverflowException extends LivecountException {
    private static final long serialVersionUID = 1L;

    public CounterOverflowException(String message) {
        super(message);
    }
}
