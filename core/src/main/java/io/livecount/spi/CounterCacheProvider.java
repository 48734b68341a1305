package io.livecount.spi;

import java.util.Map;

/**
 * Makes a {@link CounterCache} from settings given as text, so that an application picks its cache
 * provider by configuration alone (the {@code livecount-cdi} module's {@code livecount.cache} key).
 * Found with {@link java.util.ServiceLoader}: a provider module lists its implementation in {@code
 * META-INF/services/io.livecount.spi.CounterCacheProvider}.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface CounterCacheProvider {

    /** The name users configure, lower case: {@code ehcache}, {@code hazelcast}. */
    String name();

    /** The settings this provider understands (keys without any prefix), for error messages and docs. */
    java.util.Set<String> settingNames();

    /**
     * A new cache.
     *
     * @param settings values by {@linkplain #settingNames() setting name}; absent means default
     * @throws IllegalArgumentException naming the setting and its value when one is bad or unknown
     */
    CounterCache create(Map<String, String> settings);
}
