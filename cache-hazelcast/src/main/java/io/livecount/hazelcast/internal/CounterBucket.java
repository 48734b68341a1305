package io.livecount.hazelcast.internal;

import com.hazelcast.partition.PartitionAware;
import io.livecount.spi.BucketKey;

/**
 * The map's key: a {@link BucketKey} placed in the partition of its counter, so that every period
 * bucket of one counter lives on one partition and the buckets of one add travel as one operation.
 * The placement is part of the key ({@link PartitionAware}), so members and clients agree on it
 * without any configuration.
 */
public record CounterBucket(BucketKey bucket) implements PartitionAware<String> {

    @Override
    public String getPartitionKey() {
        // namespace and name never contain control characters: the separator is unambiguous
        return bucket.key().namespace() + '\u0000' + bucket.key().name();
    }
}
