package io.livecount.bench;

import java.util.List;

/**
 * One way of counting. The runner calls {@link #reset} before each run, then {@link #increment}
 * from many threads, and reads {@link #storedTotal} before and after the measured phase.
 */
interface Scenario extends AutoCloseable {

    String name();

    /** Creates or clears this scenario's table and prepares the keys of the next run. */
    void reset(List<String> keys) throws Exception;

    /** Adds 1 to the key at {@code keyIndex}; returns only once the increment has committed. */
    void increment(int keyIndex) throws Exception;

    /** The sum of the stored values of the keys given to {@link #reset}. */
    long storedTotal() throws Exception;

    /** Transactions retried after a lock conflict so far (not counted as operations). */
    default long retries() {
        return 0;
    }

    /** Whether increments may get lost by design (the naive JPA pattern). */
    default boolean losesUpdates() {
        return false;
    }

    @Override
    default void close() {}
}
