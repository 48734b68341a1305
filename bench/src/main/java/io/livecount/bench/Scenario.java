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

    /**
     * Adds 1 to the key at {@code keyIndex} (or, if {@link #batchSize} is more than 1, to that many
     * distinct keys the scenario picks itself); returns only once the increment has committed.
     */
    void increment(int keyIndex) throws Exception;

    /**
     * The sum of the stored values of the keys given to {@link #reset}. A scenario that keeps
     * increments in memory first writes them where they are stored (FAST: {@code flush()}).
     */
    long storedTotal() throws Exception;

    /** Increments one call of {@link #increment} makes, for a run over {@code keyCount} keys. */
    default int batchSize(int keyCount) {
        return 1;
    }

    /** Retries so far (lock conflicts, failed compare-and-swaps), not counted as operations. */
    default long retries() {
        return 0;
    }

    /** What {@link #retries} counts, for the message on stderr. */
    default String retryKind() {
        return "transactions retried after lock conflicts";
    }

    /** Whether increments may get lost by design (the naive JPA pattern). */
    default boolean losesUpdates() {
        return false;
    }

    /** Whether the thread count means anything; if not, the scenario runs once per key count, as threads=1. */
    default boolean usesThreads() {
        return true;
    }

    /**
     * How long the last {@link #storedTotal} took to write what the scenario held in memory (FAST:
     * its {@code flush()}), in nanoseconds; -1 if it holds nothing in memory.
     */
    default long lastFlushNanos() {
        return -1;
    }

    /**
     * Database statements the scenario has run so far (Livecount's write-back statements), read
     * right after each {@link #storedTotal}; -1 if the scenario does not count them.
     */
    default long statements() {
        return -1;
    }

    /** The metric line that reports {@link #statements}: its name and the operations it is per. */
    default StatementsMetric statementsMetric() {
        return new StatementsMetric("statements_per_1M_adds", 1_000_000);
    }

    /** {@code value = statements / operations × per}, printed as {@code metric=<name> ...}. */
    record StatementsMetric(String name, double per) {}

    @Override
    default void close() {}
}
