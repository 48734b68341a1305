package io.livecount.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.livecount.spi.CounterCacheFactory;
import io.livecount.spi.CounterCacheProvider;
import java.io.FileNotFoundException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@link HazelcastCounterCache} by name, {@code hazelcast}, for configuration by text. Settings:
 *
 * <ul>
 *   <li>{@code instance-name}: use the running member or client of that name, which must be
 *       running when the settings are read (the application started it and shuts it down; the
 *       cache never does);
 *   <li>{@code config-file}: otherwise each cache starts an embedded member from this XML or YAML
 *       file, read when the settings are read
 *       ({@code classpath:name} for a resource);
 *       without either, from Hazelcast's own lookup ({@code -Dhazelcast.config}, {@code
 *       hazelcast.xml}/{@code .yaml} in the working directory or on the class path, else its
 *       defaults). A started member is shut down with its cache, that is with the service.
 *   <li>{@code map-name} (default {@value HazelcastCounterCache#DEFAULT_MAP}) and {@code
 *       clean-entry-ttl-seconds} (default 600, 0 for never).
 * </ul>
 */
public final class HazelcastCacheProvider implements CounterCacheProvider {

    private static final String INSTANCE_NAME = "instance-name";
    private static final String CONFIG_FILE = "config-file";
    private static final String MAP_NAME = "map-name";
    private static final String CLEAN_ENTRY_TTL = "clean-entry-ttl-seconds";
    private static final String CLASSPATH = "classpath:";

    @Override
    public String name() {
        return "hazelcast";
    }

    @Override
    public Set<String> settingNames() {
        return Set.of(INSTANCE_NAME, CONFIG_FILE, MAP_NAME, CLEAN_ENTRY_TTL);
    }

    @Override
    public CounterCacheFactory factory(Map<String, String> settings) {
        refuseUnknownSettings(settings);
        if (settings.containsKey(INSTANCE_NAME) && settings.containsKey(CONFIG_FILE)) {
            throw new IllegalArgumentException("give either " + INSTANCE_NAME + " ('" + settings.get(INSTANCE_NAME)
                    + "') or " + CONFIG_FILE + " ('" + settings.get(CONFIG_FILE) + "'), not both");
        }
        HazelcastCounterCache.Builder builder = HazelcastCounterCache.builder();
        if (settings.containsKey(MAP_NAME)) {
            builder.mapName(settings.get(MAP_NAME).strip());
        }
        if (settings.containsKey(CLEAN_ENTRY_TTL)) {
            builder.cleanEntryTtl(Duration.ofSeconds(seconds(settings.get(CLEAN_ENTRY_TTL))));
        }
        if (settings.containsKey(INSTANCE_NAME)) {
            builder.instance(running(settings.get(INSTANCE_NAME).strip()));
        } else {
            builder.startMember(config(settings.get(CONFIG_FILE)));
        }
        return builder.factory();
    }

    private static HazelcastInstance running(String name) {
        HazelcastInstance instance = Hazelcast.getHazelcastInstanceByName(name);
        if (instance == null) {
            instance = HazelcastClient.getHazelcastClientByName(name);
        }
        if (instance == null) {
            throw new IllegalArgumentException(
                    INSTANCE_NAME + " '" + name + "' names no running Hazelcast member or client in this JVM");
        }
        return instance;
    }

    private static Config config(String file) {
        if (file == null) {
            return Config.load();
        }
        try {
            if (file.strip().startsWith(CLASSPATH)) {
                return Config.loadFromClasspath(
                        Thread.currentThread().getContextClassLoader(),
                        file.strip().substring(CLASSPATH.length()));
            }
            return Config.loadFromFile(new java.io.File(file.strip()));
        } catch (FileNotFoundException | RuntimeException e) {
            throw new IllegalArgumentException(CONFIG_FILE + " '" + file + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static long seconds(String value) {
        try {
            return Long.parseLong(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    CLEAN_ENTRY_TTL + " must be a whole number of seconds, was '" + value + "'");
        }
    }
}
