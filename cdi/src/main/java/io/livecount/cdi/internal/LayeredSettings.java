package io.livecount.cdi.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Sources in precedence order: a key's value is the first source's that has one. */
final class LayeredSettings implements SettingsSource {

    private final List<SettingsSource> layers;

    LayeredSettings(List<SettingsSource> layers) {
        this.layers = List.copyOf(layers);
    }

    @Override
    public Optional<String> value(String key) {
        for (SettingsSource layer : layers) {
            Optional<String> value = layer.value(key);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    @Override
    public Set<String> livecountKeys() {
        Set<String> keys = new TreeSet<>();
        layers.forEach(layer -> keys.addAll(layer.livecountKeys()));
        return keys;
    }

    @Override
    public String description() {
        return layers.stream().map(SettingsSource::description).collect(Collectors.joining(" > "));
    }

    @Override
    public String origin(String key) {
        for (SettingsSource layer : layers) {
            if (layer.value(key).isPresent() || layer.livecountKeys().contains(key)) {
                return layer.origin(key);
            }
        }
        return description();
    }
}
