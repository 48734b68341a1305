package io.livecount;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one namespace: which periods its adds update and its default mode. Immutable.
 *
 * @param periods the periods every add updates; always contains {@link Period#ALL}
 * @param mode the namespace's default mode, or null for the service's default
 */
public record NamespaceSettings(Set<Period> periods, ConsistencyMode mode) {

    public NamespaceSettings {
        Objects.requireNonNull(periods, "periods");
        EnumSet<Period> copy = EnumSet.of(Period.ALL);
        for (Period period : periods) {
            copy.add(Objects.requireNonNull(period, "periods must not contain null"));
        }
        periods = Collections.unmodifiableSet(copy);
    }

    /** Updates {@code periods} (and always {@link Period#ALL}); the service's default mode. */
    public static NamespaceSettings of(Period... periods) {
        return new NamespaceSettings(Set.of(periods), null);
    }

    /** Updates every period, {@link Period#SECOND} to {@link Period#ALL}. */
    public static NamespaceSettings allPeriods() {
        return new NamespaceSettings(EnumSet.allOf(Period.class), null);
    }

    /** A copy with {@code mode} as the namespace's default mode. */
    public NamespaceSettings withMode(ConsistencyMode mode) {
        return new NamespaceSettings(periods, Objects.requireNonNull(mode, "mode"));
    }
}
