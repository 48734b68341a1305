package io.livecount;

import io.livecount.internal.KeyRules;
import java.io.Serializable;

/**
 * Identifies a counter: a namespace and a name. Both are compared byte-exact everywhere (case,
 * trailing spaces, Unicode normalization forms and 4-byte characters are all significant).
 *
 * <p>Validated on construction: not null, not blank, no control characters or unpaired surrogates,
 * namespace at most {@value #MAX_NAMESPACE_BYTES} and name at most {@value #MAX_NAME_BYTES} bytes
 * in UTF-8. A violation throws {@link IllegalArgumentException} naming the value.
 *
 * @param namespace the namespace, {@value #DEFAULT_NAMESPACE} unless given
 * @param name the counter's name within its namespace
 */
public record CounterKey(String namespace, String name) implements Serializable {

    /** The namespace used by {@link #of(String)}. */
    public static final String DEFAULT_NAMESPACE = "default";

    /** Longest namespace, in UTF-8 bytes. */
    public static final int MAX_NAMESPACE_BYTES = 64;

    /** Longest name, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 1024;

    public CounterKey {
        KeyRules.check("namespace", namespace, MAX_NAMESPACE_BYTES);
        KeyRules.check("name", name, MAX_NAME_BYTES);
    }

    /** A counter in the {@value #DEFAULT_NAMESPACE} namespace. */
    public static CounterKey of(String name) {
        return new CounterKey(DEFAULT_NAMESPACE, name);
    }

    public static CounterKey of(String namespace, String name) {
        return new CounterKey(namespace, name);
    }
}
