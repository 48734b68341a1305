package io.livecount.cdi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/** Settings from system properties or from a properties file on the class path. */
final class PropertiesSettings implements SettingsSource {

    private final Map<String, String> values;
    private final String description;

    private PropertiesSettings(Map<String, String> values, String description) {
        this.values = Map.copyOf(values);
        this.description = description;
    }

    static PropertiesSettings systemProperties() {
        Properties system = System.getProperties();
        Map<String, String> values = new HashMap<>();
        system.stringPropertyNames().forEach(key -> values.put(key, system.getProperty(key)));
        return new PropertiesSettings(values, "system properties");
    }

    /** The first {@code resource} of {@code loader}, or an empty source when there is none. */
    static PropertiesSettings classPathFile(ClassLoader loader, String resource) {
        URL url = loader.getResource(resource);
        return new PropertiesSettings(url == null ? Map.of() : read(url), resource);
    }

    /**
     * Fails when a {@code resource} of {@code loader} holds {@code livecount.*} keys that nothing
     * will read ({@code why}): such settings would otherwise be lost without a word.
     */
    static void refuseUnread(ClassLoader loader, String resource, String why) {
        try {
            for (URL url : Collections.list(loader.getResources(resource))) {
                Set<String> keys = new PropertiesSettings(read(url), resource).livecountKeys();
                if (!keys.isEmpty()) {
                    throw new IllegalArgumentException(resource + " (" + url + ") sets " + keys + ", but " + why
                            + ", so it is not read: move these settings to " + PROPERTIES_FILE
                            + " (or system properties, or environment variables), or add MicroProfile Config");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + resource, e);
        }
    }

    @Override
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public Set<String> livecountKeys() {
        Set<String> keys = new TreeSet<>();
        values.keySet().stream().filter(key -> key.startsWith("livecount.")).forEach(keys::add);
        return keys;
    }

    @Override
    public String description() {
        return description;
    }

    private static Map<String, String> read(URL url) {
        Properties properties = new Properties();
        try (InputStream in = url.openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }
}
