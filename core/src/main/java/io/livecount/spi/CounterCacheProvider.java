package io.livecount.spi;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes a {@link CounterCacheFactory} from settings given as text, so that an application picks its
 * cache provider by configuration alone (the {@code livecount-cdi} module's {@code livecount.cache}
 * key).
 * Found with {@link java.util.ServiceLoader}: a provider module lists its implementation in {@code
 * META-INF/services/io.livecount.spi.CounterCacheProvider}.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface CounterCacheProvider {

    /** The name users configure, lower case: {@code ehcache}, {@code hazelcast}. */
    String name();

    /** The settings this provider understands (keys without any prefix), for error messages and docs. */
    Set<String> settingNames();

    /**
     * The factory these settings describe. Checks every setting but creates no cache and starts
     * nothing: the service that receives the factory does, and closes what it created.
     *
     * @param settings values by {@linkplain #settingNames() setting name}; absent means default
     * @throws IllegalArgumentException naming the setting and its value when one is bad or unknown
     */
    CounterCacheFactory factory(Map<String, String> settings);

    /**
     * For {@link #factory}: throws if {@code settings} holds a name this provider does not know,
     * naming it and the known ones (a misspelt setting must not silently mean "default").
     */
    default void refuseUnknownSettings(Map<String, String> settings) {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(settingNames());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown " + name() + " setting(s) " + unknown + "; known: " + new TreeSet<>(settingNames()));
        }
    }
}
