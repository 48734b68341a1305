package io.livecount;

import io.livecount.internal.KeyRules;
import java.util.Objects;

/**
 * One add of a batch ({@link CounterOperations#addAll}): a counter, a signed delta and, optionally,
 * an idempotency key (see {@link AddOptions}). Validated on construction, like the arguments of a
 * single add.
 *
 * @param key the counter
 * @param delta the signed delta
 * @param idempotencyKey the add's idempotency key, or null for none
 */
public record CounterAdd(CounterKey key, long delta, String idempotencyKey) {

    /**
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code idempotencyKey} is not null and not a valid key
     *     (see {@link AddOptions#once})
     */
    public CounterAdd {
        Objects.requireNonNull(key, "key");
        if (idempotencyKey != null) {
            KeyRules.check("idempotencyKey", idempotencyKey, AddOptions.MAX_IDEMPOTENCY_KEY_BYTES);
        }
    }

    /** An add without an idempotency key. */
    public static CounterAdd of(CounterKey key, long delta) {
        return new CounterAdd(key, delta, null);
    }

    /** An add applied at most once for {@code idempotencyKey} in the key's namespace. */
    public static CounterAdd once(CounterKey key, long delta, String idempotencyKey) {
        return new CounterAdd(key, delta, Objects.requireNonNull(idempotencyKey, "idempotencyKey"));
    }
}
