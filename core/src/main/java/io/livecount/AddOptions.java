package io.livecount;

import java.time.Instant;
import java.util.Objects;

/**
 * Per-call options of an add: the event time (default: the service clock at the time of the call)
 * and the consistency mode (default: the namespace's). Immutable; each method returns a copy.
 *
 * <p>An event time must lie between {@link CounterOperations#EARLIEST} and {@link
 * CounterOperations#LATEST} (years 1 to 9999 in UTC); the add checks it, and throws {@link
 * IllegalArgumentException} naming the value and that range before anything is written.
 */
public final class AddOptions {

    private static final AddOptions DEFAULTS = new AddOptions(null, null);

    private final Instant eventTime;
    private final ConsistencyMode mode;

    private AddOptions(Instant eventTime, ConsistencyMode mode) {
        this.eventTime = eventTime;
        this.mode = mode;
    }

    /** No override: the time of the call, the namespace's mode. */
    public static AddOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Count the event at {@code eventTime} instead of now; see the class comment for the range.
     *
     * @throws NullPointerException if {@code eventTime} is null
     */
    public static AddOptions at(Instant eventTime) {
        return DEFAULTS.eventTime(eventTime);
    }

    /** Use {@code mode} for this call instead of the namespace's mode. */
    public static AddOptions in(ConsistencyMode mode) {
        return DEFAULTS.mode(mode);
    }

    public AddOptions eventTime(Instant eventTime) {
        return new AddOptions(Objects.requireNonNull(eventTime, "eventTime"), mode);
    }

    public AddOptions mode(ConsistencyMode mode) {
        return new AddOptions(eventTime, Objects.requireNonNull(mode, "mode"));
    }

    /** The explicit event time, or null for "the time of the call". */
    public Instant eventTime() {
        return eventTime;
    }

    /** The explicit mode, or null for "the namespace's mode". */
    public ConsistencyMode mode() {
        return mode;
    }

    @Override
    public String toString() {
        return "AddOptions[eventTime=" + eventTime + ", mode=" + mode + "]";
    }
}
