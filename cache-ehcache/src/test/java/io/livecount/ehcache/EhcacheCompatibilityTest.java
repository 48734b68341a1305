package io.livecount.ehcache;

import io.livecount.spi.CounterCache;
import io.livecount.tck.CounterCacheKit;

/** The compatibility kit on Ehcache. */
public class EhcacheCompatibilityTest extends CounterCacheKit {

    @Override
    protected CounterCache newCache(int capacity) {
        return EhcacheCounterCache.builder().heapEntries(capacity).build();
    }
}
