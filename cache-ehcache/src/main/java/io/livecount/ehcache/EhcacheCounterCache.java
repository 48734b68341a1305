package io.livecount.ehcache;

import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterCache;
import io.livecount.spi.CounterEntry;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;

/**
 * FAST mode's cache on Ehcache 3, in this JVM. Configure it with {@link #builder()} and pass the
 * builder's {@link Builder#factory() factory()} to {@code WriteBackConfig.builder(...)}: each
 * service then creates its own cache at start-up and closes it when it closes. {@link
 * Builder#build()} creates a cache at once, for use outside a service; whoever calls it closes it.
 *
 * <p><b>Where entries live.</b> Clean entries (the database value of a counter bucket, nothing
 * pending) are in an Ehcache cache bounded by {@link Builder#heapEntries} (plus an optional
 * off-heap tier): Ehcache evicts them freely, and a read loads them again. An entry with deltas
 * not yet written back is pinned in a map beside it, because Ehcache's eviction advisor is only a
 * hint and an evicted delta would be lost. The pinned map is bounded by the service's {@code
 * maxBacklog}; after its write-back an entry moves back into Ehcache.
 *
 * <p><b>Atomicity.</b> The conditional operations of {@link CounterCache} run under one of 1,024
 * lock stripes chosen by the key's hash; {@link #get} takes no lock when it finds the entry.
 * Thread-safe.
 */
public final class EhcacheCounterCache implements CounterCache {

    private static final int STRIPES = 1024;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String alias;
    private final CacheManager manager;
    private final Cache<BucketKey, CounterEntry> clean;
    private final ConcurrentHashMap<BucketKey, CounterEntry> dirty = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[STRIPES];

    /** Made by {@link EhcacheCacheFactory#create()}. */
    EhcacheCounterCache(EhcacheCacheFactory settings) {
        ResourcePoolsBuilder pools = ResourcePoolsBuilder.heap(settings.heapEntries());
        if (settings.offHeapMegabytes() > 0) {
            pools = pools.offheap(settings.offHeapMegabytes(), MemoryUnit.MB);
        }
        this.alias = "livecount-" + INSTANCES.incrementAndGet();
        this.manager = CacheManagerBuilder.newCacheManagerBuilder()
                .withCache(
                        alias,
                        CacheConfigurationBuilder.newCacheConfigurationBuilder(
                                BucketKey.class, CounterEntry.class, pools))
                .build(true);
        this.clean = manager.getCache(alias, BucketKey.class, CounterEntry.class);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CounterEntry get(BucketKey key) {
        CounterEntry entry = current(key);
        if (entry != null) {
            return entry;
        }
        // Both lock-free lookups can miss an entry that moved from Ehcache into the pinned map
        // between them; a miss is confirmed under the key's lock, where no entry moves.
        synchronized (stripe(key)) {
            return current(key);
        }
    }

    @Override
    public CounterEntry putIfAbsent(BucketKey key, CounterEntry entry) {
        synchronized (stripe(key)) {
            CounterEntry current = current(key);
            if (current != null) {
                return current;
            }
            store(key, entry, false);
            return null;
        }
    }

    @Override
    public boolean replace(BucketKey key, CounterEntry expected, CounterEntry replacement) {
        synchronized (stripe(key)) {
            CounterEntry pinned = dirty.get(key);
            CounterEntry current = pinned != null ? pinned : clean.get(key);
            if (!expected.equals(current)) {
                return false;
            }
            store(key, replacement, pinned != null);
            return true;
        }
    }

    @Override
    public boolean remove(BucketKey key, CounterEntry expected) {
        synchronized (stripe(key)) {
            CounterEntry pinned = dirty.get(key);
            if (pinned != null) { // under the lock an entry is in exactly one of the two places
                return expected.equals(pinned) && dirty.remove(key) != null;
            }
            if (!expected.equals(clean.get(key))) {
                return false;
            }
            clean.remove(key);
            return true;
        }
    }

    @Override
    public Collection<BucketKey> dirtyKeys() {
        return List.copyOf(dirty.keySet());
    }

    @Override
    public long dirtyCount() {
        return dirty.mappingCount();
    }

    /** Closes the Ehcache cache manager this cache created. */
    @Override
    public void close() {
        manager.close();
    }

    private CounterEntry current(BucketKey key) {
        CounterEntry entry = dirty.get(key);
        return entry != null ? entry : clean.get(key);
    }

    /**
     * Puts the entry where it belongs: first into its new place, then out of the old one. A dirty
     * entry that stays dirty (every add to a hot counter) touches only the pinned map.
     */
    private void store(BucketKey key, CounterEntry entry, boolean wasPinned) {
        if (entry.isDirty()) {
            dirty.put(key, entry);
            if (!wasPinned) {
                clean.remove(key);
            }
        } else {
            clean.put(key, entry);
            if (wasPinned) {
                dirty.remove(key);
            }
        }
    }

    private Object stripe(BucketKey key) {
        int h = key.hashCode();
        return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }

    /** Mutable, not thread-safe builder; errors name the bad value. */
    public static final class Builder {
        private long heapEntries = 100_000;
        private long offHeapMegabytes;

        private Builder() {}

        /** Clean entries kept on the heap: 1 to 100,000,000; default 100,000 (about 200 bytes each). */
        public Builder heapEntries(long heapEntries) {
            if (heapEntries < 1 || heapEntries > 100_000_000) {
                throw new IllegalArgumentException("heapEntries must be between 1 and 100000000, was " + heapEntries);
            }
            this.heapEntries = heapEntries;
            return this;
        }

        /** An off-heap tier for clean entries, in MB (0: none, the default). Entries are serialized there. */
        public Builder offHeapMegabytes(long megabytes) {
            if (megabytes < 0 || megabytes > 1_048_576) {
                throw new IllegalArgumentException("offHeapMegabytes must be between 0 and 1048576, was " + megabytes);
            }
            this.offHeapMegabytes = megabytes;
            return this;
        }

        /** An immutable factory with these settings, for {@code WriteBackConfig.builder(...)}. */
        public EhcacheCacheFactory factory() {
            return new EhcacheCacheFactory(heapEntries, offHeapMegabytes);
        }

        /** A new cache with these settings, owned by the caller; same as {@code factory().create()}. */
        public EhcacheCounterCache build() {
            return factory().create();
        }
    }

    @Override
    public String toString() {
        return "EhcacheCounterCache[" + alias + ", " + dirty.size() + " dirty]";
    }
}
