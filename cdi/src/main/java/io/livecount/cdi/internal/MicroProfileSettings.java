package io.livecount.cdi.internal;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Settings from the application's MicroProfile Config. Declared keys are collected per config
 * source, leaving out names whose value an environment variable supplies (implementations such as
 * SmallRye list {@code LIVECOUNT_VERSION} also as {@code livecount.version}).
 */
final class MicroProfileSettings implements SettingsSource {

    private final Config config;
    private final Environment environment = Environment.system();

    private MicroProfileSettings(Config config) {
        this.config = config;
    }

    /** The Config of {@code loader}, or empty when the API is present without an implementation. */
    static Optional<SettingsSource> load(ClassLoader loader) {
        try {
            return Optional.of(new MicroProfileSettings(ConfigProvider.getConfig(loader)));
        } catch (IllegalStateException | java.util.ServiceConfigurationError | LinkageError noImplementation) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> value(String key) {
        return config.getOptionalValue(key, String.class);
    }

    @Override
    public Set<String> livecountKeys() {
        Set<String> keys = new TreeSet<>();
        for (ConfigSource source : config.getConfigSources()) {
            for (String name : source.getPropertyNames()) {
                if (name.startsWith("livecount.") && !environment.supplies(name, source.getValue(name))) {
                    keys.add(name);
                }
            }
        }
        return keys;
    }

    @Override
    public String description() {
        return "MicroProfile Config";
    }

    /** The config source of the value, e.g. {@code PropertiesConfigSource[source=…/microprofile-config.properties]}. */
    @Override
    public String origin(String key) {
        for (ConfigSource source : config.getConfigSources()) {
            if (source.getValue(key) != null) {
                return "MicroProfile Config source " + source.getName();
            }
        }
        return description();
    }
}
