package io.livecount.cdi.testing;

import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterCache;
import io.livecount.spi.CounterCacheFactory;
import io.livecount.spi.CounterCacheProvider;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import io.livecount.spi.EntryProcessingCache;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second cache provider, {@code test-map}, so that a test can swap providers by configuration:
 * an unbounded map that never evicts, and that applies core's changes itself ({@code compute}), the
 * way an entry-processor provider does. Its one setting, {@code label}, shows settings arrive.
 */
public final class MapCacheProvider implements CounterCacheProvider {

    private static final AtomicInteger CREATED = new AtomicInteger();
    private static final AtomicInteger OPEN = new AtomicInteger();

    /** How many caches this provider has made in this JVM. */
    public static int createdCaches() {
        return CREATED.get();
    }

    /** How many of them are not closed. */
    public static int openCaches() {
        return OPEN.get();
    }

    @Override
    public String name() {
        return "test-map";
    }

    @Override
    public Set<String> settingNames() {
        return Set.of("label");
    }

    @Override
    public Factory factory(Map<String, String> settings) {
        return new Factory(settings.getOrDefault("label", "unlabelled"));
    }

    /** The factory: a label, and nothing running. */
    public record Factory(String label) implements CounterCacheFactory {
        @Override
        public CounterCache create() {
            return new MapCache(label);
        }
    }

    /** The cache; its label is in toString(). */
    public static final class MapCache implements EntryProcessingCache {
        private final Map<BucketKey, CounterEntry> entries = new ConcurrentHashMap<>();
        private final String label;
        private final java.util.concurrent.atomic.AtomicBoolean closed =
                new java.util.concurrent.atomic.AtomicBoolean();

        MapCache(String label) {
            this.label = label;
            CREATED.incrementAndGet();
            OPEN.incrementAndGet();
        }

        @Override
        public CounterEntry get(BucketKey key) {
            return entries.get(key);
        }

        @Override
        public CounterEntry putIfAbsent(BucketKey key, CounterEntry entry) {
            return entries.putIfAbsent(key, entry);
        }

        @Override
        public boolean replace(BucketKey key, CounterEntry expected, CounterEntry replacement) {
            return entries.replace(key, expected, replacement);
        }

        @Override
        public boolean remove(BucketKey key, CounterEntry expected) {
            return entries.remove(key, expected);
        }

        @Override
        public CounterEntry apply(BucketKey key, EntryChange change) {
            return entries.compute(key, (k, current) -> change.apply(current)); // Rejected leaves it as it is
        }

        @Override
        public Collection<BucketKey> dirtyKeys() {
            return List.copyOf(entries.entrySet().stream()
                    .filter(e -> e.getValue().isDirty())
                    .map(Map.Entry::getKey)
                    .toList());
        }

        @Override
        public long dirtyCount() {
            return entries.values().stream().filter(CounterEntry::isDirty).count();
        }

        @Override
        public void close() {
            if (!closed.getAndSet(true)) {
                OPEN.decrementAndGet();
            }
            entries.clear();
        }

        @Override
        public String toString() {
            return "MapCache[" + label + "]";
        }
    }
}
