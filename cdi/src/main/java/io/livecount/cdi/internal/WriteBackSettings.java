package io.livecount.cdi.internal;

import io.livecount.WriteBackConfig;
import io.livecount.WriteBackConfig.BacklogPolicy;
import io.livecount.spi.CounterCacheFactory;
import io.livecount.spi.CounterCacheProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The {@code livecount.cache*} and {@code livecount.flush.*} settings: which {@link
 * CounterCacheProvider} describes the cache (found with {@link ServiceLoader} by its name), its own
 * settings, and the write-back's. Creates no cache: the service creates it from the factory.
 */
final class WriteBackSettings {

    static final String CACHE = "livecount.cache";
    private static final String FLUSH = "livecount.flush.";

    private final SettingValues values;
    private final CounterCacheProvider provider;
    private final Map<String, String> providerSettings = new TreeMap<>();
    private final List<Consumer<WriteBackConfig.Builder>> flushSettings = new ArrayList<>();

    private WriteBackSettings(SettingValues values, CounterCacheProvider provider) {
        this.values = values;
        this.provider = provider;
    }

    static WriteBackSettings read(SettingValues values, boolean anyFast) {
        String name = values.text(CACHE).orElse("none");
        if (name.equals("none")) {
            if (anyFast) {
                throw values.bad(
                        CACHE,
                        name,
                        "a cache provider (" + available()
                                + ") because FAST mode is configured; FAST adds live in the cache until written back");
            }
            return new WriteBackSettings(values, null);
        }
        CounterCacheProvider provider = ServiceLoader.load(CounterCacheProvider.class, loader()).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> values.bad(
                        CACHE,
                        name,
                        "none or a provider on the class path: " + available()
                                + " (add its module, e.g. livecount-cache-" + name + ")"));
        WriteBackSettings settings = new WriteBackSettings(values, provider);
        settings.readProviderSettings(name);
        settings.readFlushSettings();
        return settings;
    }

    /** The write-back, with the provider's cache factory; empty when the cache is {@code none}. */
    Optional<WriteBackConfig> create() {
        if (provider == null) {
            return Optional.empty();
        }
        CounterCacheFactory cache;
        try {
            cache = provider.factory(providerSettings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "settings " + CACHE + "." + provider.name() + ".* (from " + values.sourceDescription()
                            + ") are not valid: " + e.getMessage(),
                    e);
        }
        WriteBackConfig.Builder builder = WriteBackConfig.builder(cache);
        flushSettings.forEach(setting -> setting.accept(builder));
        return Optional.of(builder.build());
    }

    /** Looks up every setting of the provider (so that environment variables count) and refuses other keys. */
    private void readProviderSettings(String name) {
        String prefix = CACHE + "." + name + ".";
        for (String key : values.unread()) {
            String setting = key.substring(Math.min(prefix.length(), key.length()));
            if (key.startsWith(prefix) && !provider.settingNames().contains(setting)) {
                throw values.bad(
                        key,
                        values.text(key).orElse(""),
                        "a key " + prefix + "<setting> with a setting of " + new TreeSet<>(provider.settingNames()));
            }
        }
        for (String setting : provider.settingNames()) {
            values.text(prefix + setting).ifPresent(value -> providerSettings.put(setting, value));
        }
    }

    private void readFlushSettings() {
        duration("max-delay", WriteBackConfig.Builder::maxDelay);
        number("threshold", 0, Long.MAX_VALUE, WriteBackConfig.Builder::flushThreshold);
        number("max-dirty-counters", 1, Integer.MAX_VALUE, (b, n) -> b.maxDirtyCounters(n.intValue()));
        Optional<Long> backlog = values.number(FLUSH + "max-backlog", 1, Long.MAX_VALUE);
        Optional<BacklogPolicy> policy = values.choice(FLUSH + "backlog-policy", BacklogPolicy.class);
        if (backlog.isPresent() || policy.isPresent()) {
            flushSettings.add(named(
                    FLUSH + "max-backlog / backlog-policy",
                    backlog + " / " + policy,
                    b -> b.maxBacklog(backlog.orElse(1_000_000L), policy.orElse(BacklogPolicy.BLOCK))));
        }
        duration("local-window", WriteBackConfig.Builder::localWindow);
        duration("read-refresh", WriteBackConfig.Builder::readRefresh);
        duration("close-timeout", WriteBackConfig.Builder::closeTimeout);
    }

    private void duration(String name, BiConsumer<WriteBackConfig.Builder, Duration> setter) {
        values.duration(FLUSH + name)
                .ifPresent(d -> flushSettings.add(named(FLUSH + name, d, b -> setter.accept(b, d))));
    }

    private void number(String name, long min, long max, BiConsumer<WriteBackConfig.Builder, Long> setter) {
        values.number(FLUSH + name, min, max)
                .ifPresent(n -> flushSettings.add(named(FLUSH + name, n, b -> setter.accept(b, n))));
    }

    /** The builder's own check, with the key in its message. */
    private Consumer<WriteBackConfig.Builder> named(String key, Object value, Consumer<WriteBackConfig.Builder> set) {
        return builder -> {
            try {
                set.accept(builder);
            } catch (IllegalArgumentException e) {
                throw values.bad(key, String.valueOf(value), e.getMessage());
            }
        };
    }

    private static String available() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(CounterCacheProvider.class, loader()).forEach(p -> names.add(p.name()));
        return names.isEmpty() ? "none found" : String.join(", ", names);
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : WriteBackSettings.class.getClassLoader();
    }
}
