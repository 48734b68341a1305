package io.livecount.ehcache;

import io.livecount.spi.CounterCacheFactory;
import io.livecount.tck.FailureKit;

/** The failure cases of the compatibility kit on Ehcache. */
public class EhcacheFailureTest extends FailureKit {

    @Override
    protected CounterCacheFactory cacheFactory(int capacity) {
        return EhcacheCounterCache.builder().heapEntries(capacity).factory();
    }
}
