package io.livecount.cdi.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Environment variables, named as MicroProfile Config names them: for {@code livecount.jdbc.url}
 * the variable {@code livecount.jdbc.url}, {@code livecount_jdbc_url} or {@code LIVECOUNT_JDBC_URL}.
 * They supply values for keys that are looked up and declare none: other tools' {@code LIVECOUNT_*}
 * variables (a build's version, a demo's port) are not settings.
 */
final class Environment implements SettingsSource {

    static final String PREFIX = "LIVECOUNT_";

    private final Map<String, String> variables;

    Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    static Environment system() {
        return new Environment(System.getenv());
    }

    /** {@code livecount.flush.max-delay} → {@code LIVECOUNT_FLUSH_MAX_DELAY}. */
    static String variableName(String key) {
        return sanitized(key).toUpperCase(Locale.ROOT);
    }

    @Override
    public Optional<String> value(String key) {
        return name(key).map(variables::get);
    }

    /** Whether {@code value} of {@code key} is what an environment variable says for it. */
    boolean supplies(String key, String value) {
        return value(key).filter(value::equals).isPresent();
    }

    /** The {@code LIVECOUNT_*} variables that are none of {@code keys}, for a notice. */
    Set<String> unusedVariables(Collection<String> keys) {
        Set<String> unused = new TreeSet<>();
        variables.keySet().stream()
                .filter(name -> name.toUpperCase(Locale.ROOT).startsWith(PREFIX))
                .forEach(unused::add);
        keys.forEach(key -> name(key).ifPresent(unused::remove));
        return unused;
    }

    @Override
    public Set<String> livecountKeys() {
        return Set.of();
    }

    @Override
    public String description() {
        return "environment variables";
    }

    @Override
    public String origin(String key) {
        return name(key).map(name -> "environment variable " + name).orElse(description());
    }

    private Optional<String> name(String key) {
        for (String name : new String[] {key, sanitized(key), variableName(key)}) {
            if (variables.containsKey(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static String sanitized(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_");
    }
}
