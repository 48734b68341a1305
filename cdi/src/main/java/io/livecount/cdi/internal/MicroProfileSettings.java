package io.livecount.cdi.internal;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Settings from MicroProfile Config; loaded only when its API is on the class path. */
final class MicroProfileSettings implements SettingsSource {

    private final Config config;

    private MicroProfileSettings(Config config) {
        this.config = config;
    }

    /** The application's Config, or empty when the API is present without an implementation. */
    static Optional<SettingsSource> load() {
        try {
            return Optional.of(new MicroProfileSettings(ConfigProvider.getConfig()));
        } catch (IllegalStateException | java.util.ServiceConfigurationError noImplementation) {
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
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("livecount.")) {
                keys.add(name);
            }
        }
        return keys;
    }

    @Override
    public String description() {
        return "MicroProfile Config";
    }
}
