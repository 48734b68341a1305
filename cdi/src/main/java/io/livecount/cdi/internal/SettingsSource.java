package io.livecount.cdi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the {@code livecount.*} settings come from: MicroProfile Config when an implementation is
 * present, otherwise system properties over a {@code livecount.properties} on the class path.
 */
public interface SettingsSource {

    /** The class path resource read when MicroProfile Config is absent. */
    String PROPERTIES_FILE = "livecount.properties";

    Optional<String> value(String key);

    /** Every key this source knows that starts with {@code livecount.}. */
    Set<String> livecountKeys();

    /** For messages: where the values came from. */
    String description();

    /** The source of this application: MicroProfile Config if it works here, else the properties. */
    static SettingsSource detect() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (isPresent("org.eclipse.microprofile.config.ConfigProvider", loader)) {
            Optional<SettingsSource> microProfile = MicroProfileSettings.load();
            if (microProfile.isPresent()) {
                return microProfile.get();
            }
        }
        return properties(loader);
    }

    /** System properties over {@value #PROPERTIES_FILE} of {@code loader}. */
    static SettingsSource properties(ClassLoader loader) {
        Map<String, String> values = new HashMap<>();
        try (InputStream file = loader == null ? null : loader.getResourceAsStream(PROPERTIES_FILE)) {
            if (file != null) {
                Properties properties = new Properties();
                properties.load(file);
                properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PROPERTIES_FILE, e);
        }
        Properties system = System.getProperties();
        system.stringPropertyNames().forEach(key -> values.put(key, system.getProperty(key)));
        return new SettingsSource() {
            @Override
            public Optional<String> value(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Set<String> livecountKeys() {
                Set<String> keys = new TreeSet<>();
                values.keySet().stream().filter(k -> k.startsWith("livecount.")).forEach(keys::add);
                return keys;
            }

            @Override
            public String description() {
                return "system properties and " + PROPERTIES_FILE;
            }
        };
    }

    private static boolean isPresent(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader == null ? SettingsSource.class.getClassLoader() : loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
