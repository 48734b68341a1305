package io.livecount;

import io.livecount.internal.KeyRules;
import java.time.Instant;
import java.util.Objects;

/**
 * Per-call options of an add: the event time (default: the service clock at the time of the call),
 * the consistency mode (default: the namespace's) and an idempotency key (default: none).
 * Immutable; each method returns a copy.
 *
 * <p>An event time must lie between {@link CounterOperations#EARLIEST} and {@link
 * CounterOperations#LATEST} (years 1 to 9999 in UTC); the add checks it, and throws {@link
 * IllegalArgumentException} naming the value and that range before anything is written.
 *
 * <p><b>Idempotency keys.</b> An add with a key ({@link #once}) is applied at most once per
 * namespace and key within the namespace's {@linkplain NamespaceSettings#idempotencyWindow()
 * idempotency window}: a later add with the same namespace and key changes nothing and returns as
 * if it had been applied ({@code addAndGet} returns the counter's current value). Give each event
 * its own key (a message id, a request id): a retry after {@link CommitOutcomeUnknownException}
 * or a broker's redelivery with the same key is then counted once. See {@link
 * CounterOperations} for what each mode guarantees.
 */
public final class AddOptions {

    /** Longest idempotency key, in UTF-8 bytes. */
    public static final int MAX_IDEMPOTENCY_KEY_BYTES = 255;

    private static final AddOptions DEFAULTS = new AddOptions(null, null, null);

    private final Instant eventTime;
    private final ConsistencyMode mode;
    private final String idempotencyKey;

    private AddOptions(Instant eventTime, ConsistencyMode mode, String idempotencyKey) {
        this.eventTime = eventTime;
        this.mode = mode;
        this.idempotencyKey = idempotencyKey;
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

    /**
     * Apply the add at most once for this key (see the class comment).
     *
     * @throws IllegalArgumentException if the key is blank, has a control character or an
     *     unpaired surrogate, or is longer than {@value #MAX_IDEMPOTENCY_KEY_BYTES} UTF-8 bytes
     */
    public static AddOptions once(String idempotencyKey) {
        return DEFAULTS.idempotencyKey(idempotencyKey);
    }

    public AddOptions eventTime(Instant eventTime) {
        return new AddOptions(Objects.requireNonNull(eventTime, "eventTime"), mode, idempotencyKey);
    }

    public AddOptions mode(ConsistencyMode mode) {
        return new AddOptions(eventTime, Objects.requireNonNull(mode, "mode"), idempotencyKey);
    }

    /** A copy whose add is applied at most once for {@code idempotencyKey}; see {@link #once}. */
    public AddOptions idempotencyKey(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        KeyRules.check("idempotencyKey", idempotencyKey, MAX_IDEMPOTENCY_KEY_BYTES);
        return new AddOptions(eventTime, mode, idempotencyKey);
    }

    /** The explicit event time, or null for "the time of the call". */
    public Instant eventTime() {
        return eventTime;
    }

    /** The explicit mode, or null for "the namespace's mode". */
    public ConsistencyMode mode() {
        return mode;
    }

    /** The idempotency key, or null for none. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    @Override
    public String toString() {
        return "AddOptions[eventTime=" + eventTime + ", mode=" + mode + ", idempotencyKey=" + idempotencyKey + "]";
    }
}
