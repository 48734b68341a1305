package io.livecount.internal;

import io.livecount.AddOptions;
import io.livecount.BucketValue;
import io.livecount.ConsistencyMode;
import io.livecount.CounterAdd;
import io.livecount.CounterKey;
import io.livecount.CounterOperations;
import io.livecount.CounterValue;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.ListingStore;
import io.livecount.internal.store.Row;
import io.livecount.internal.store.SqlWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The operations, written once: validation, bucketing and SQL. Subclasses decide where the SQL
 * runs: in transactions Livecount owns ({@link DefaultCounterService}) or in the caller's ({@link
 * JoinedOperations}).
 */
abstract class StoreOperations implements CounterOperations {

    final LivecountConfig config;
    final CounterStore store;
    final Bucketing bucketing;
    private final ListingStore listings;

    StoreOperations(LivecountConfig config, CounterStore store) {
        this.config = config;
        this.store = store;
        this.bucketing = new Bucketing(config);
        this.listings = new ListingStore(store.dialect());
    }

    /** Applies an add and returns its all-time value (0 unless it wants one). */
    abstract long commitAdd(PendingAdd add);

    /** Runs a read. */
    abstract <T> T read(SqlWork<T> work);

    /** Runs a single-statement write. */
    abstract <T> T write(SqlWork<T> work);

    /**
     * Runs a delete's statement so that it acts on every row of another transaction's add or on
     * none (see {@link io.livecount.internal.store.Transactor#inRepeatableRead}); a write by default.
     */
    <T> T runDelete(SqlWork<T> work) {
        return write(work);
    }

    /**
     * Applies STRICT adds (of {@code addAll}) in one transaction: all or none. An add whose
     * idempotency key was applied before is skipped.
     */
    abstract void commitAll(List<PendingAdd> adds);

    /**
     * Applies a FAST add and returns its all-time value (0 unless it wants one); {@code
     * idempotencyKey} null for none.
     */
    abstract long fastAdd(CounterKey key, long delta, Instant eventTime, boolean wantsValue, String idempotencyKey);

    /** Called before an add with an idempotency key: the keys recorded must expire in time. */
    void keysInUse() {}

    /** Throws {@link IllegalArgumentException} unless FAST adds to {@code key} can be made. */
    abstract void requireFast(CounterKey key);

    /** The values of {@code keys} in one bucket. */
    Map<CounterKey, Long> readValues(Collection<CounterKey> keys, Period period, long bucket) {
        return read(connection -> store.read(connection, keys, period, bucket));
    }

    /** Stored buckets of one counter between two bucket starts, by start. */
    Map<Long, Long> readSeries(CounterKey key, Period period, long first, long last) {
        return read(connection -> store.readRange(connection, key, period, first, last));
    }

    @Override
    public void add(CounterKey key, long delta, AddOptions options) {
        apply(key, delta, options, false);
    }

    @Override
    public long addAndGet(CounterKey key, long delta, AddOptions options) {
        return apply(key, delta, options, true);
    }

    private long apply(CounterKey key, long delta, AddOptions options, boolean wantsValue) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(options, "options");
        if (options.idempotencyKey() != null) {
            keysInUse();
        }
        if (modeOf(key, options) == ConsistencyMode.FAST) {
            return fastAdd(key, delta, options.eventTime(), wantsValue, options.idempotencyKey());
        }
        List<Row> rows = bucketing.rows(key, delta, options.eventTime()); // checks the event time
        if (delta == 0) {
            return wantsValue ? get(key) : 0; // a no-op creates no row and records no key, in every mode
        }
        return commitAdd(new PendingAdd(key, delta, rows, wantsValue, options.idempotencyKey()));
    }

    private ConsistencyMode modeOf(CounterKey key, AddOptions options) {
        return options.mode() != null ? options.mode() : config.modeOf(key.namespace());
    }

    @Override
    public void addAll(Collection<CounterAdd> adds, AddOptions options) {
        Objects.requireNonNull(adds, "adds");
        Objects.requireNonNull(options, "options");
        if (options.idempotencyKey() != null) {
            throw new IllegalArgumentException("addAll takes each item's idempotency key (CounterAdd.once), not one"
                    + " for the whole batch; the options carried " + options.idempotencyKey());
        }
        Instant at = options.eventTime() != null
                ? options.eventTime()
                : config.clock().instant();
        List<PendingAdd> strict = new ArrayList<>();
        List<CounterAdd> fast = new ArrayList<>();
        for (CounterAdd add : adds) { // every item checked before anything is applied
            Objects.requireNonNull(add, "adds must not contain null");
            if (add.idempotencyKey() != null) {
                keysInUse();
            }
            List<Row> rows = bucketing.rows(add.key(), add.delta(), at); // checks the event time
            if (modeOf(add.key(), options) == ConsistencyMode.FAST) {
                requireFast(add.key());
                fast.add(add);
            } else if (add.delta() != 0) {
                strict.add(new PendingAdd(add.key(), add.delta(), rows, false, add.idempotencyKey()));
            }
        }
        if (!strict.isEmpty()) {
            commitAll(strict);
        }
        for (CounterAdd add : fast) {
            fastAdd(add.key(), add.delta(), options.eventTime(), false, add.idempotencyKey());
        }
    }

    @Override
    public long get(CounterKey key, Period period, Instant at) {
        Objects.requireNonNull(key, "key");
        return get(List.of(key), period, at).get(key);
    }

    @Override
    public Map<CounterKey, Long> get(Collection<CounterKey> keys, Period period, Instant at) {
        Objects.requireNonNull(keys, "keys");
        keys.forEach(key -> Objects.requireNonNull(key, "keys must not contain null"));
        long bucket = bucketing.bucket(Objects.requireNonNull(period, "period"), Objects.requireNonNull(at, "at"));
        if (keys.isEmpty()) {
            return Map.of();
        }
        return readValues(keys, period, bucket);
    }

    @Override
    public List<BucketValue> series(CounterKey key, Period period, Instant from, Instant to) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Bucketing.checkTime("from", from);
        Bucketing.checkTime("to", to);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("series end " + to + " is before its start " + from);
        }
        List<Instant> starts = bucketStarts(period, from, to);
        long first = CounterStore.bucketColumn(starts.get(0));
        long last = CounterStore.bucketColumn(starts.get(starts.size() - 1));
        Map<Long, Long> stored = readSeries(key, period, first, last);
        return starts.stream().map(start -> CounterStore.bucket(start, stored)).toList();
    }

    private List<Instant> bucketStarts(Period period, Instant from, Instant to) {
        Instant end = period.bucketStart(to, config.zone());
        List<Instant> starts = new ArrayList<>();
        for (Instant start = period.bucketStart(from, config.zone());
                !start.isAfter(end);
                start = period.nextBucketStart(start, config.zone())) {
            if (starts.size() == MAX_SERIES_BUCKETS) {
                throw new IllegalArgumentException("series from " + from + " to " + to + " spans more than "
                        + MAX_SERIES_BUCKETS + " " + period + " buckets");
            }
            starts.add(start);
        }
        return starts;
    }

    @Override
    public List<CounterValue> top(String namespace, Period period, Instant at, int limit) {
        KeyRules.check("namespace", Objects.requireNonNull(namespace, "namespace"), CounterKey.MAX_NAMESPACE_BYTES);
        if (limit < 1 || limit > MAX_TOP_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_TOP_LIMIT + ", was " + limit);
        }
        long bucket = bucketing.bucket(Objects.requireNonNull(period, "period"), Objects.requireNonNull(at, "at"));
        return readTop(namespace, period, bucket, limit);
    }

    /** The {@code limit} largest counters of one bucket, arguments checked. */
    List<CounterValue> readTop(String namespace, Period period, long bucket, int limit) {
        return read(connection -> store.top(connection, namespace, period, bucket, limit));
    }

    @Override
    public List<String> namespaces(String after, int limit) {
        KeyRules.checkAfter("after", after, CounterKey.MAX_NAMESPACE_BYTES);
        checkListLimit(limit);
        return readNamespaces(after, limit);
    }

    @Override
    public List<CounterKey> counters(String namespace, String prefix, String after, int limit) {
        KeyRules.check("namespace", Objects.requireNonNull(namespace, "namespace"), CounterKey.MAX_NAMESPACE_BYTES);
        KeyRules.checkPrefix("prefix", prefix, CounterKey.MAX_NAME_BYTES);
        KeyRules.checkAfter("after", after, CounterKey.MAX_NAME_BYTES);
        checkListLimit(limit);
        return readCounters(namespace, prefix, after, limit);
    }

    private static void checkListLimit(int limit) {
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIST_LIMIT + ", was " + limit);
        }
    }

    private List<String> readNamespaces(String after, int limit) {
        Set<CounterKey> pending = pendingCounters(); // first: a counter written meanwhile is then in the page read
        List<String> stored = read(connection -> listings.namespaces(connection, after, limit));
        return pending.isEmpty() ? stored : Listings.namespaces(stored, pending, after, limit);
    }

    private List<CounterKey> readCounters(String namespace, String prefix, String after, int limit) {
        Set<CounterKey> pending = pendingCounters();
        List<CounterKey> stored = read(connection -> listings.counters(connection, namespace, prefix, after, limit));
        return pending.isEmpty() ? stored : Listings.counters(stored, pending, namespace, prefix, after, limit);
    }

    /** Counters whose deltas this node holds and has not written (FAST mode); none by default. */
    Set<CounterKey> pendingCounters() {
        return Set.of();
    }

    @Override
    public boolean delete(CounterKey key) {
        Objects.requireNonNull(key, "key");
        return runDelete(connection -> store.delete(connection, key)) > 0;
    }
}
