package io.livecount.cdi.testing;

import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterCache;
import io.livecount.spi.CounterCacheProvider;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import io.livecount.spi.EntryProcessingCache;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A second cache provider, {@code test-map}, so that a test can swap providers by configuration:
 * an unbounded map that never evicts, and that applies core's changes itself ({@code compute}), the
 * way an entry-processor provider does. Its one setting, {@code label}, shows settings arrive.
 */
public final class MapCacheProvider implements CounterCacheProvider {

    @Override
    public String name() {
        return "test-map";
    }

    @Override
    public Set<String> settingNames() {
        return Set.of("label");
    }

    @Override
    public CounterCache create(Map<String, String> settings) {
        return new MapCache(settings.getOrDefault("label", "unlabelled"));
    }

    /** The cache; its label is in toString(). */
    public static final class MapCache implements EntryProcessingCache {
        private final Map<BucketKey, CounterEntry> entries = new ConcurrentHashMap<>();
        private final String label;

        MapCache(String label) {
            this.label = label;
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
            entries.clear();
        }

        @Override
        public String toString() {
            return "MapCache[" + label + "]";
        }
    }
}
