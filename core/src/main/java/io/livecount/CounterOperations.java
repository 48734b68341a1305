package io.livecount;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What can be done to counters. Implementations are thread-safe.
 *
 * <p><b>Adds.</b> An add of a signed delta updates the {@link Period#ALL} bucket and one bucket for
 * every other period configured for the key's namespace, all in one database statement. The
 * database is only ever changed by adding the delta to the stored value ({@code v = v + delta}).
 * An add that would overflow a stored value throws {@link ArithmeticException} and changes nothing.
 *
 * <p><b>Instants.</b> An add's event time ({@link AddOptions#at}) and the instants of reads lie
 * between {@link #EARLIEST} and {@link #LATEST}: years 1 to 9999 in UTC, whose buckets every
 * {@link Period} can compute in every time zone.
 *
 * <p><b>Idempotency keys</b> ({@link AddOptions#once}, {@link CounterAdd#once}). An add whose
 * namespace and key were already applied within the namespace's {@linkplain
 * NamespaceSettings#idempotencyWindow() window} changes nothing. STRICT: the key is recorded in
 * the add's transaction (the caller's, when joined), so a retry after {@link
 * CommitOutcomeUnknownException} with the same key is counted once. FAST: the key travels with
 * the add and is recorded in the transaction of the write-back that writes it; a second add with
 * the same key while the first is waiting on this node is recognised at once, one made on another
 * node or after a restart when the write-back runs (until then this node's reads include it). An
 * add lost with its key in a crash (FAST's loss window) is applied when it comes again: correct,
 * since it was never counted.
 *
 * <p><b>Errors.</b> Invalid input throws {@link IllegalArgumentException} naming the value before
 * anything is written: an instant outside the range above, a series too long, a limit out of range,
 * a bad key (see {@link CounterKey}). A null argument throws {@link NullPointerException} whose
 * message is the parameter's name ({@code "key"}, {@code "at"}, …), also before anything is written.
 * Failures of the database or of FAST mode's cache throw subclasses of {@link LivecountException}:
 *
 * <ul>
 *   <li>{@link CounterConflictException}: a deadlock or serialization failure, after retries when
 *       Livecount owns the transaction; nothing was applied.
 *   <li>{@link CommitOutcomeUnknownException}: the add may or may not have been applied (the
 *       connection broke while the commit was in flight, or the cache could not tell whether it ran
 *       the change). The only case where the caller cannot know; reading the counter tells.
 *   <li>{@link CounterUnavailableException}: FAST mode's cache refused the call or is not running
 *       (a Hazelcast member on the minority side of a split, or just woken from a long pause, or
 *       shut down); nothing was applied, and the call may succeed later.
 *   <li>{@link BacklogFullException}: a FAST add found the write-back backlog full; nothing was
 *       applied.
 *   <li>{@link CounterStoreException}: any other failure of the database; nothing was applied.
 * </ul>
 */
public interface CounterOperations {

    /** Adds {@code delta} now, in the namespace's mode. */
    default void add(CounterKey key, long delta) {
        add(key, delta, AddOptions.defaults());
    }

    /** Adds {@code delta} with per-call options (event time, mode). */
    void add(CounterKey key, long delta, AddOptions options);

    /**
     * Adds every item of {@code adds} now, each in its namespace's mode; see {@link
     * #addAll(Collection, AddOptions)}.
     */
    default void addAll(Collection<CounterAdd> adds) {
        addAll(adds, AddOptions.defaults());
    }

    /**
     * Adds every item of {@code adds}, with the event time and mode of {@code options} (which must
     * not carry an idempotency key: each item has its own). Every item is checked before anything
     * is written: a null item, an impossible event time or a FAST item without FAST mode configured
     * throws and applies nothing. STRICT items commit all or none, in one transaction (the caller's
     * when joined); an item whose idempotency key was applied already is skipped. FAST items are
     * each applied atomically; should the cache refuse one, the items before it stay applied and
     * the exception says how many. An empty collection does nothing.
     *
     * @throws IllegalArgumentException if {@code options} carries an idempotency key, or an item is
     *     invalid; nothing is applied
     */
    void addAll(Collection<CounterAdd> adds, AddOptions options);

    /** Adds 1 now. */
    default void increment(CounterKey key) {
        add(key, 1, AddOptions.defaults());
    }

    /** Adds {@code delta} now and returns the counter's all-time value right after this add. */
    default long addAndGet(CounterKey key, long delta) {
        return addAndGet(key, delta, AddOptions.defaults());
    }

    /**
     * Adds {@code delta} and returns the all-time value right after this add: the value a
     * serial execution of all adds to this counter would have reached at this one.
     */
    long addAndGet(CounterKey key, long delta, AddOptions options);

    /** The all-time value; 0 for a counter that does not exist. */
    default long get(CounterKey key) {
        return get(key, Period.ALL, Instant.EPOCH);
    }

    /** The value in the bucket of {@code period} that contains {@code at}; 0 if none. */
    long get(CounterKey key, Period period, Instant at);

    /**
     * The values of several counters in the bucket of {@code period} containing {@code at}, in one
     * query. Every requested key is in the returned map (0 where absent).
     */
    Map<CounterKey, Long> get(Collection<CounterKey> keys, Period period, Instant at);

    /**
     * Every bucket of {@code period} from the one containing {@code from} to the one containing
     * {@code to}, both included, in time order, 0 for empty buckets. At most {@value
     * #MAX_SERIES_BUCKETS} buckets.
     *
     * @throws IllegalArgumentException if {@code to} is before {@code from} or the series is too
     *     long
     */
    List<BucketValue> series(CounterKey key, Period period, Instant from, Instant to);

    /**
     * The {@code limit} largest counters of a namespace in the bucket of {@code period} containing
     * {@code at}, largest first (ties by name). {@code limit} is 1 to {@value #MAX_TOP_LIMIT}.
     */
    List<CounterValue> top(String namespace, Period period, Instant at, int limit);

    /**
     * Namespaces that hold counters, in {@linkplain CounterOperations listing order}: the first
     * {@code limit} namespaces after {@code after} ({@code ""} starts at the first). Pass the last
     * namespace of a page as {@code after} to get the next one; a page shorter than {@code limit}
     * is the last. On MariaDB, MySQL and PostgreSQL each page costs one short primary-key lookup per
     * namespace returned, however many rows the table holds; namespaces that only this node's FAST
     * cache holds are included. {@code limit} is 1 to {@value #MAX_LIST_LIMIT}.
     *
     * @throws IllegalArgumentException if {@code after} is neither {@code ""} nor a valid namespace,
     *     or the limit is out of range
     */
    List<String> namespaces(String after, int limit);

    /**
     * The counters of {@code namespace} whose names start with {@code prefix}, byte-exact (case,
     * trailing spaces and every character significant; {@code %} and {@code _} are plain
     * characters), in listing order: the first {@code limit} names after {@code after} ({@code ""}
     * starts at the first). Pass the last name of a page as {@code after} to get the next one; a
     * page shorter than {@code limit} is the last.
     *
     * <p><b>Listing order</b> is the order of the names' UTF-8 bytes, compared unsigned, which is the
     * order of their Unicode code points, on every database. A counter is listed from its first
     * non-zero add until it is deleted, whatever its value; FAST counters that only this node's
     * cache holds (added, not yet written back) are included. {@code prefix} {@code ""} lists every
     * counter. {@code limit} is 1 to {@value #MAX_LIST_LIMIT}.
     *
     * @throws IllegalArgumentException if {@code namespace} or {@code after} (unless {@code ""}) is
     *     not valid for a key, {@code prefix} has a character a name cannot have or is longer than a
     *     name, or the limit is out of range
     */
    List<CounterKey> counters(String namespace, String prefix, String after, int limit);

    /** Deletes every bucket of the counter. Returns whether anything was deleted. */
    boolean delete(CounterKey key);

    /** The earliest instant an add can count at and a read can ask for: the start of year 1, UTC. */
    Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest instant an add can count at and a read can ask for: the end of year 9999, UTC. */
    Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** Longest series {@link #series} returns. */
    int MAX_SERIES_BUCKETS = 100_000;

    /** Largest {@code limit} of {@link #top}. */
    int MAX_TOP_LIMIT = 10_000;

    /** Largest {@code limit} of {@link #namespaces} and {@link #counters}. */
    int MAX_LIST_LIMIT = 10_000;
}
