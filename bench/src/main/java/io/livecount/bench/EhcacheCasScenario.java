package io.livecount.bench;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;

/**
 * What a user writes on a plain Ehcache 3 heap cache, no database: {@code get}, then {@code
 * replace(k, old, old + 1)} (or {@code putIfAbsent(k, 1)} if absent), retried until it wins.
 */
final class EhcacheCasScenario implements Scenario {

    static final String NAME = "ehcache-cas";
    private static final String ALIAS = "bench-ehcache-cas";

    private final CacheManager manager;
    private final LongAdder retries = new LongAdder();
    private Cache<String, Long> cache;
    private List<String> keys = List.of();

    EhcacheCasScenario() {
        this.manager = CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A fresh cache with room for every key (no eviction), each key at 0. */
    @Override
    public void reset(List<String> keys) {
        if (cache != null) {
            manager.removeCache(ALIAS);
        }
        cache = manager.createCache(
                ALIAS,
                CacheConfigurationBuilder.newCacheConfigurationBuilder(
                        String.class, Long.class, ResourcePoolsBuilder.heap(2L * keys.size() + 16)));
        for (String key : keys) {
            cache.put(key, 0L);
        }
        this.keys = keys;
    }

    @Override
    public void increment(int keyIndex) {
        String key = keys.get(keyIndex);
        while (true) {
            Long old = cache.get(key);
            if (old == null ? cache.putIfAbsent(key, 1L) == null : cache.replace(key, old, old + 1)) {
                return;
            }
            retries.increment();
        }
    }

    @Override
    public long storedTotal() {
        long total = 0;
        for (String key : keys) {
            Long value = cache.get(key);
            total += value == null ? 0 : value;
        }
        return total;
    }

    @Override
    public long retries() {
        return retries.sum();
    }

    @Override
    public String retryKind() {
        return "compare-and-swap retries (replace/putIfAbsent lost to another thread)";
    }

    @Override
    public void close() {
        manager.close();
    }
}
