package io.livecount.ehcache;

import io.livecount.spi.CounterCacheFactory;
import io.livecount.tck.IdempotencyKit;

/** The idempotency part of the compatibility kit on Ehcache: two nodes are two caches, one database. */
public class EhcacheIdempotencyTest extends IdempotencyKit {

    @Override
    protected CounterCacheFactory cacheFactory(int capacity) {
        return EhcacheCounterCache.builder().heapEntries(capacity).factory();
    }
}
