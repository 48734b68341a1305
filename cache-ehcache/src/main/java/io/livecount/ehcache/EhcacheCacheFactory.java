package io.livecount.ehcache;

import io.livecount.spi.CounterCacheFactory;

/**
 * The settings of an Ehcache cache, as a {@link CounterCacheFactory}: each {@link #create()} makes a
 * new {@link EhcacheCounterCache} with an Ehcache cache manager of its own, which the caller owns
 * and closes. Make it with {@code EhcacheCounterCache.builder()...factory()}; the constructor checks
 * the values the same way.
 *
 * @param heapEntries clean entries kept on the heap (see {@link EhcacheCounterCache.Builder#heapEntries})
 * @param offHeapMegabytes size of the off-heap tier in MB, 0 for none
 */
public record EhcacheCacheFactory(long heapEntries, long offHeapMegabytes) implements CounterCacheFactory {

    public EhcacheCacheFactory {
        EhcacheCounterCache.builder().heapEntries(heapEntries).offHeapMegabytes(offHeapMegabytes);
    }

    @Override
    public EhcacheCounterCache create() {
        return new EhcacheCounterCache(this);
    }
}
