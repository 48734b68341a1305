package io.livecount;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of one namespace: which periods its adds update, its default mode, and how long its
 * buckets of each period are kept. Immutable.
 *
 * @param periods the periods every add updates; always contains {@link Period#ALL}
 * @param mode the namespace's default mode, or null for the service's default
 * @param retention how long buckets of a period are kept (see {@link #retain}); a period absent
 *     here is kept forever. Never contains {@link Period#ALL}
 */
public record NamespaceSettings(Set<Period> periods, ConsistencyMode mode, Map<Period, Duration> retention) {

    public NamespaceSettings {
        Objects.requireNonNull(periods, "periods");
        EnumSet<Period> copy = EnumSet.of(Period.ALL);
        for (Period period : periods) {
            copy.add(Objects.requireNonNull(period, "periods must not contain null"));
        }
        periods = Collections.unmodifiableSet(copy);
        Objects.requireNonNull(retention, "retention");
        EnumMap<Period, Duration> kept = new EnumMap<>(Period.class);
        retention.forEach((period, duration) -> kept.put(period, checkRetention(period, duration)));
        retention = Collections.unmodifiableMap(kept);
    }

    private static final Duration MAX_RETENTION = Duration.ofDays(36_500);

    /** Settings without retention: every bucket is kept. */
    public NamespaceSettings(Set<Period> periods, ConsistencyMode mode) {
        this(periods, mode, Map.of());
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
        return new NamespaceSettings(periods, Objects.requireNonNull(mode, "mode"), retention);
    }

    /**
     * A copy that keeps the buckets of {@code period} for {@code duration}: the service deletes, in
     * the background, every bucket of this namespace and period that ended at least {@code
     * duration} ago (its successor starts no later than now minus {@code duration}). A bucket that
     * still contains an instant within {@code duration} of now is never deleted. Replaces an earlier
     * retention of the same period.
     *
     * @param period any period but {@link Period#ALL}, whose single bucket holds all time
     * @param duration at least one second, at most 36,500 days (to keep a period forever, set no
     *     retention)
     * @throws IllegalArgumentException for {@link Period#ALL} or a duration out of range, naming
     *     the value
     */
    public NamespaceSettings retain(Period period, Duration duration) {
        EnumMap<Period, Duration> copy = new EnumMap<>(Period.class);
        copy.putAll(retention);
        copy.put(period, checkRetention(period, duration));
        return new NamespaceSettings(periods, mode, copy);
    }

    /** How long buckets of {@code period} are kept, or empty when they are kept forever. */
    public Optional<Duration> retention(Period period) {
        return Optional.ofNullable(retention.get(Objects.requireNonNull(period, "period")));
    }

    private static Duration checkRetention(Period period, Duration duration) {
        Objects.requireNonNull(period, "retention period");
        if (period == Period.ALL) {
            throw new IllegalArgumentException(
                    "retention of period ALL is refused: its single bucket holds all time, was " + duration);
        }
        if (duration == null
                || duration.compareTo(Duration.ofSeconds(1)) < 0
                || duration.compareTo(MAX_RETENTION) > 0) {
            throw new IllegalArgumentException("retention of period " + period + " must be between 1 second and "
                    + MAX_RETENTION.toDays() + " days, was " + duration);
        }
        return duration;
    }
}
