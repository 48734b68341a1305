package io.livecount.internal.writeback;

import io.livecount.CounterKey;
import io.livecount.internal.store.IdempotencyStore;
import io.livecount.internal.store.IdempotencyStore.Claim;
import io.livecount.internal.store.Row;
import io.livecount.internal.store.Transactor;
import io.livecount.internal.store.WriteBackStore;
import io.livecount.spi.BucketKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * FAST adds with an idempotency key, held by the node that took them until a write-back records
 * their keys and writes their deltas in one transaction ({@link #write}). They stay out of the
 * cache: an add whose key the database has recorded already (it came again from a broker, through
 * another node, after a restart) is then dropped before any of it is written, and a second add
 * with a key held here is refused at once ({@link #hold}). The keys are the write's markers: a
 * write whose commit outcome is unknown is simply run again, and finds its keys recorded.
 *
 * <p>Reads add what is held here to what the cache and the database say ({@link #reading}); a
 * write keeps reads out from before its commit until its adds have left and the cache has
 * forgotten the stored values of their buckets ({@code invalidate}), so that no read sees an add
 * twice or not at all. Thread-safe.
 */
final class KeyedAdds {

    /** Adds per write transaction: far below every driver's parameter limit. */
    private static final int ADDS_PER_WRITE = 1_000;

    private record Held(Claim claim, CounterKey key, long delta, List<Row> rows) {}

    /** The held deltas of one bucket, and how many adds they come from. */
    private record BucketSum(long delta, int adds) {
        BucketSum plus(BucketSum other) {
            int count = adds + other.adds;
            return count == 0 ? null : new BucketSum(delta + other.delta, count);
        }
    }

    private final Map<Claim, Held> held = new ConcurrentHashMap<>();
    /** Per bucket, what {@link #held} holds: reads look buckets up instead of scanning every add. */
    private final Map<BucketKey, BucketSum> bucketSums = new ConcurrentHashMap<>();

    private final ReentrantReadWriteLock visibility = new ReentrantReadWriteLock();
    private final Transactor transactor;
    private final WriteBackStore rows;
    private final IdempotencyStore keys;
    private final LongSupplier nowSeconds;
    private final LongAdder pendingTotal;
    private final LongAdder statements;
    private final UnwritableDeltas unwritable;

    /** {@code pendingTotal}, {@code statements} and {@code unwritable}: the write-back's, shared with the cache's. */
    KeyedAdds(
            Transactor transactor,
            WriteBackStore rows,
            IdempotencyStore keys,
            LongSupplier nowSeconds,
            LongAdder pendingTotal,
            LongAdder statements,
            UnwritableDeltas unwritable) {
        this.transactor = transactor;
        this.rows = rows;
        this.keys = keys;
        this.nowSeconds = nowSeconds;
        this.pendingTotal = pendingTotal;
        this.statements = statements;
        this.unwritable = unwritable;
    }

    /**
     * Holds an add of {@code rows} (its buckets, ALL last) under {@code idempotencyKey}; false if
     * an add with that key is held already (nothing changes).
     */
    boolean hold(CounterKey key, long delta, List<Row> rows, String idempotencyKey) {
        Claim claim = new Claim(key.namespace(), idempotencyKey);
        if (held.putIfAbsent(claim, new Held(claim, key, delta, rows)) != null) {
            return false;
        }
        count(rows, 1);
        pendingTotal.add(delta);
        return true;
    }

    /** Adds ({@code sign} 1) or removes (-1) an add's rows in {@link #bucketSums}. */
    private void count(List<Row> rows, int sign) {
        for (Row row : rows) {
            bucketSums.merge(row.id(), new BucketSum(sign * row.delta(), sign), BucketSum::plus);
        }
    }

    /** How many adds are held. */
    int size() {
        return held.size();
    }

    /** Runs a read with no write's commit in progress, so that {@link #sums} and the database agree. */
    <T> T reading(Supplier<T> read) {
        visibility.readLock().lock();
        try {
            return read.get();
        } finally {
            visibility.readLock().unlock();
        }
    }

    /** The held deltas of each of {@code buckets} that has some (call inside {@link #reading}). */
    Map<BucketKey, Long> sums(Collection<BucketKey> buckets) {
        Map<BucketKey, Long> sums = new HashMap<>();
        if (bucketSums.isEmpty()) {
            return sums;
        }
        for (BucketKey bucket : buckets) {
            BucketSum sum = bucketSums.get(bucket);
            if (sum != null) {
                sums.put(bucket, sum.delta());
            }
        }
        return sums;
    }

    /** The buckets with held deltas that {@code which} accepts. */
    Set<BucketKey> buckets(Predicate<BucketKey> which) {
        Set<BucketKey> buckets = new HashSet<>();
        bucketSums.keySet().stream().filter(which).forEach(buckets::add);
        return buckets;
    }

    /** The counters with held adds. */
    Set<CounterKey> counters() {
        Set<CounterKey> counters = new HashSet<>();
        bucketSums.keySet().forEach(bucket -> counters.add(bucket.key()));
        return counters;
    }

    /**
     * Writes the held adds of the counters {@code which} accepts, {@value #ADDS_PER_WRITE} a
     * transaction: records their keys, writes the deltas of those recorded now, and lets every
     * add of the transaction go (the others were applied before); {@code invalidate} is given
     * their rows once committed. Throws when the database fails: what was not written stays held.
     * An add that alone overflows a bucket stays held and is reported as unwritable (flush() and
     * close() fail while it is).
     */
    void write(Predicate<CounterKey> which, Consumer<List<Row>> invalidate) {
        List<Held> batch = new ArrayList<>();
        for (Held add : held.values()) {
            if (which.test(add.key())) {
                batch.add(add);
            }
        }
        for (int from = 0; from < batch.size(); from += ADDS_PER_WRITE) {
            List<Held> chunk = batch.subList(from, Math.min(batch.size(), from + ADDS_PER_WRITE));
            try {
                writeTogether(chunk, invalidate);
            } catch (ArithmeticException overflow) {
                chunk.forEach(add -> writeAlone(add, invalidate));
            }
        }
    }

    private void writeAlone(Held add, Consumer<List<Row>> invalidate) {
        try {
            writeTogether(List.of(add), invalidate);
        } catch (ArithmeticException overflow) {
            Row all = add.rows().get(add.rows().size() - 1);
            unwritable.keep(all.id(), all.delta());
        }
    }

    private void writeTogether(List<Held> adds, Consumer<List<Row>> invalidate) {
        List<Claim> claims = adds.stream().map(Held::claim).toList();
        List<Row> touched = adds.stream().flatMap(add -> add.rows().stream()).toList();
        visibility.writeLock().lock();
        try {
            // one statement while no key was written before; else a transaction that skips those
            if (!writtenInOneStatement(claims, touched)) {
                transactor.inTransaction(connection -> writeRecorded(connection, adds, claims));
            }
            statements.increment();
            for (Held add : adds) {
                held.remove(add.claim(), add);
                count(add.rows(), -1);
                pendingTotal.add(-add.delta());
                unwritable.release(add.rows().get(add.rows().size() - 1).id());
            }
            invalidate.accept(touched);
        } finally {
            visibility.writeLock().unlock();
        }
    }

    private boolean writtenInOneStatement(List<Claim> claims, List<Row> touched) {
        return keys.recordsWithDeltas(claims.size(), touched.size())
                && transactor.autocommit(
                        true, connection -> keys.recordWithDeltas(connection, claims, touched, nowSeconds.getAsLong()));
    }

    /** Records the keys not recorded yet and writes the deltas of their adds; returns null. */
    private Void writeRecorded(Connection connection, List<Held> adds, List<Claim> claims) throws SQLException {
        Set<Claim> recorded = keys.record(connection, claims, nowSeconds.getAsLong());
        List<Row> sums = Row.sumById(adds.stream()
                .filter(add -> recorded.contains(add.claim()))
                .flatMap(add -> add.rows().stream())
                .toList());
        if (!sums.isEmpty()) {
            rows.write(connection, sums);
        }
        return null;
    }
}
