package io.livecount.ehcache;

import io.livecount.spi.CounterCacheFactory;
import io.livecount.tck.ColdLoadKit;

/** The eviction and cold-load part of the kit on Ehcache. */
public class EhcacheColdLoadTest extends ColdLoadKit {

    @Override
    protected CounterCacheFactory cacheFactory(int capacity) {
        return EhcacheCounterCache.builder().heapEntries(capacity).factory();
    }
}
