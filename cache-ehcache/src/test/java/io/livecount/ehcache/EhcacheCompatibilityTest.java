package io.livecount.ehcache;

import io.livecount.spi.CounterCacheFactory;
import io.livecount.tck.CounterCacheKit;

/** The compatibility kit on Ehcache. */
public class EhcacheCompatibilityTest extends CounterCacheKit {

    @Override
    protected CounterCacheFactory cacheFactory(int capacity) {
        return EhcacheCounterCache.builder().heapEntries(capacity).factory();
    }
}
