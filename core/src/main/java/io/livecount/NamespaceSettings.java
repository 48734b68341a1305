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
 * @param idempotencyWindow how long an idempotency key of this namespace is remembered after its
 *     add was applied (see {@link #withIdempotencyWindow}); {@link #DEFAULT_IDEMPOTENCY_WINDOW}
 *     unless set
 */
public record NamespaceSettings(
        Set<Period> periods, ConsistencyMode mode, Map<Period, Duration> retention, Duration idempotencyWindow) {

    /** How long idempotency keys are remembered unless set: 24 hours. */
    public static final Duration DEFAULT_IDEMPOTENCY_WINDOW = Duration.ofHours(24);

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
        idempotencyWindow = checkWindow(idempotencyWindow);
    }

    private static final Duration MAX_RETENTION = Duration.ofDays(36_500);

    /** Settings without retention: every bucket is kept. */
    public NamespaceSettings(Set<Period> periods, ConsistencyMode mode) {
        this(periods, mode, Map.of());
    }

    /** Settings with the default idempotency window. */
    public NamespaceSettings(Set<Period> periods, ConsistencyMode mode, Map<Period, Duration> retention) {
        this(periods, mode, retention, DEFAULT_IDEMPOTENCY_WINDOW);
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
        return new NamespaceSettings(periods, Objects.requireNonNull(mode, "mode"), retention, idempotencyWindow);
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
        return new NamespaceSettings(periods, mode, copy, idempotencyWindow);
    }

    /**
     * A copy that remembers each idempotency key ({@link AddOptions#once}) for {@code window} after
     * its add was applied: a second add with the key within the window changes nothing. After the
     * window the key is pruned in the background like an expired bucket, and an add with it counts
     * again. Choose a window longer than the longest time a message can be redelivered or a
     * request retried.
     *
     * @param window at least one minute, at most 36,500 days
     * @throws IllegalArgumentException for a window out of range, naming the value
     */
    public NamespaceSettings withIdempotencyWindow(Duration window) {
        return new NamespaceSettings(periods, mode, retention, window);
    }

    /** How long buckets of {@code period} are kept, or empty when they are kept forever. */
    public Optional<Duration> retention(Period period) {
        return Optional.ofNullable(retention.get(Objects.requireNonNull(period, "period")));
    }

    private static Duration checkWindow(Duration window) {
        Objects.requireNonNull(window, "idempotencyWindow");
        if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(MAX_RETENTION) > 0) {
            throw new IllegalArgumentException("idempotency window must be between 1 minute and "
                    + MAX_RETENTION.toDays() + " days, was " + window);
        }
        return window;
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
