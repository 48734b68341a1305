package io.livecount.internal;

import io.livecount.CounterKey;
import io.livecount.LivecountConfig;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.Row;
import io.livecount.internal.store.SqlWork;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The operations inside a caller's transaction. STRICT adds, reads and deletes run on the
 * transaction's connection and commit or roll back with it. A FAST add is checked now and reaches
 * the service's cache only after the transaction commits: a rolled-back transaction counts
 * nothing. Nothing is committed, rolled back or retried here.
 */
final class JoinedOperations extends StoreOperations {

    private final CallerTransaction transaction;
    private final DefaultCounterService service;
    private final AddsInTransaction inTransaction;

    JoinedOperations(
            LivecountConfig config, CounterStore store, CallerTransaction transaction, DefaultCounterService service) {
        super(config, store);
        this.transaction = transaction;
        this.service = service;
        this.inTransaction = new AddsInTransaction(store);
    }

    @Override
    long commitAdd(PendingAdd add) {
        Map<CounterKey, Long> values = add.idempotencyKey == null
                // Bucketing emits one key's rows in period order, which is already the global lock order.
                ? transaction.run(connection -> store.upsert(connection, add.rows, add.wantsValue))
                : applyInTransaction(List.of(add), add.wantsValue);
        invalidateAfterCommit(List.of(add));
        return add.wantsValue ? values.get(add.key) : 0;
    }

    @Override
    void commitAll(List<PendingAdd> adds) {
        applyInTransaction(adds, false);
        invalidateAfterCommit(adds);
    }

    private Map<CounterKey, Long> applyInTransaction(List<PendingAdd> adds, boolean wantsValues) {
        long nowSeconds = config.clock().millis() / 1000;
        return transaction
                .run(connection -> inTransaction.apply(connection, adds, nowSeconds, wantsValues))
                .values();
    }

    private void invalidateAfterCommit(List<PendingAdd> adds) {
        if (service.fast().enabled()) {
            List<Row> rows = adds.stream().flatMap(add -> add.rows.stream()).toList();
            transaction.afterCommit(() -> service.fast().invalidate(rows)); // the cache may hold the old values
        }
    }

    @Override
    void keysInUse() {
        service.keysInUse();
    }

    @Override
    void requireFast(CounterKey key) {
        service.fast().require(key);
    }

    @Override
    long fastAdd(CounterKey key, long delta, Instant eventTime, boolean wantsValue, String idempotencyKey) {
        service.fast().require(key);
        if (wantsValue) {
            throw new IllegalArgumentException(
                    "addAndGet in FAST mode cannot return a value inside a transaction: the" + " add of " + key
                            + " reaches the counter only when the transaction commits. Use add(), or STRICT");
        }
        Instant at = eventTime != null ? eventTime : config.clock().instant(); // the add's time, not the commit's
        bucketing.rows(key, delta, at); // an impossible time fails now, inside the transaction
        transaction.requireActive(); // fail now rather than never count
        transaction.afterCommit(() -> service.fastAddNow(key, delta, at, idempotencyKey));
        return 0;
    }

    @Override
    public boolean delete(CounterKey key) {
        Objects.requireNonNull(key, "key");
        return service.deleteJoined(key, transaction, () -> super.delete(key));
    }

    @Override
    Set<CounterKey> pendingCounters() {
        return service.pendingCounters();
    }

    @Override
    <T> T read(SqlWork<T> work) {
        return transaction.run(work);
    }

    @Override
    <T> T write(SqlWork<T> work) {
        return transaction.run(work);
    }
}
