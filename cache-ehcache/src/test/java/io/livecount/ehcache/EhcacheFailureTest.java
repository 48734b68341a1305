package io.livecount.ehcache;

import io.livecount.spi.CounterCache;
import io.livecount.tck.FailureKit;

/** The failure cases of the compatibility kit on Ehcache. */
public class EhcacheFailureTest extends FailureKit {

    @Override
    protected CounterCache newCache(int capacity) {
        return EhcacheCounterCache.builder().heapEntries(capacity).build();
    }
}
