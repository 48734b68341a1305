package io.livecount.ehcache;

import io.livecount.spi.CounterCache;
import io.livecount.tck.ConsistencyKit;

/** The consistency part of the compatibility kit on Ehcache. */
public class EhcacheConsistencyTest extends ConsistencyKit {

    @Override
    protected CounterCache newCache(int capacity) {
        return EhcacheCounterCache.builder().heapEntries(capacity).build();
    }
}
