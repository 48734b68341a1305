package io.livecount.ehcache;

import io.livecount.spi.CounterCacheFactory;
import io.livecount.spi.CounterCacheProvider;
import java.util.Map;
import java.util.Set;

/**
 * {@link EhcacheCounterCache} by name, {@code ehcache}, for configuration by text. Settings:
 * {@code heap-entries} and {@code off-heap-mb} (see {@link EhcacheCounterCache.Builder}).
 */
public final class EhcacheCacheProvider implements CounterCacheProvider {

    private static final String HEAP_ENTRIES = "heap-entries";
    private static final String OFF_HEAP_MB = "off-heap-mb";

    @Override
    public String name() {
        return "ehcache";
    }

    @Override
    public Set<String> settingNames() {
        return Set.of(HEAP_ENTRIES, OFF_HEAP_MB);
    }

    @Override
    public CounterCacheFactory factory(Map<String, String> settings) {
        refuseUnknownSettings(settings);
        EhcacheCounterCache.Builder builder = EhcacheCounterCache.builder();
        if (settings.containsKey(HEAP_ENTRIES)) {
            builder.heapEntries(number(HEAP_ENTRIES, settings.get(HEAP_ENTRIES)));
        }
        if (settings.containsKey(OFF_HEAP_MB)) {
            builder.offHeapMegabytes(number(OFF_HEAP_MB, settings.get(OFF_HEAP_MB)));
        }
        return builder.factory();
    }

    private static long number(String setting, String value) {
        try {
            return Long.parseLong(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " must be a whole number, was '" + value + "'");
        }
    }
}
