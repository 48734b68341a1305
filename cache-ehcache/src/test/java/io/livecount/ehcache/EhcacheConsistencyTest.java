package io.livecount.ehcache;

import io.livecount.spi.CounterCacheFactory;
import io.livecount.tck.ConsistencyKit;

/** The consistency part of the compatibility kit on Ehcache. */
public class EhcacheConsistencyTest extends ConsistencyKit {

    @Override
    protected CounterCacheFactory cacheFactory(int capacity) {
        return EhcacheCounterCache.builder().heapEntries(capacity).factory();
    }
}
