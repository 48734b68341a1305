package io.livecount.internal;

import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.internal.store.CounterStore;
import io.livecount.internal.store.IdempotencyStore;
import io.livecount.internal.store.IdempotencyStore.Claim;
import io.livecount.internal.store.Row;
import io.livecount.internal.store.Transactor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a group of STRICT adds on a connection inside a transaction, written once for group
 * commit, {@code addAll} and caller transactions: first the idempotency keys are recorded (an add
 * whose key was applied before, or earlier in the group, is skipped), then the merged rows of the
 * other adds are upserted, at most {@value #ROWS_PER_STATEMENT} rows a statement. Nothing here
 * commits; a rollback forgets the keys with the deltas.
 */
final class AddsInTransaction {

    static final int ROWS_PER_STATEMENT = 1000;

    /** What the transaction did: the adds it skipped, and all-time values if asked for. */
    record Outcome(Set<PendingAdd> skipped, Map<CounterKey, Long> values) {}

    private final CounterStore store;
    private final IdempotencyStore keys;

    AddsInTransaction(CounterStore store) {
        this.store = store;
        this.keys = new IdempotencyStore(store.dialect());
    }

    /** Whether any add of the group carries an idempotency key. */
    static boolean anyKeyed(List<PendingAdd> adds) {
        return adds.stream().anyMatch(add -> add.idempotencyKey != null);
    }

    Outcome apply(Connection connection, List<PendingAdd> adds, long nowSeconds, boolean wantsValues)
            throws SQLException {
        Set<PendingAdd> skipped = skippedByKeys(connection, adds, nowSeconds);
        List<PendingAdd> applied = new ArrayList<>(adds);
        applied.removeAll(skipped);
        List<Row> rows = merge(applied);
        Map<CounterKey, Long> values = new HashMap<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            values.putAll(store.upsert(connection, chunk, wantsValues));
        }
        if (wantsValues) {
            Set<CounterKey> unread = new HashSet<>();
            skipped.forEach(add -> unread.add(add.key));
            unread.removeAll(values.keySet());
            if (!unread.isEmpty()) {
                values.putAll(store.read(connection, unread, Period.ALL, 0));
            }
        }
        return new Outcome(skipped, values);
    }

    /** Records the keys; returns the adds whose key was applied already (first of a group wins). */
    private Set<PendingAdd> skippedByKeys(Connection connection, List<PendingAdd> adds, long nowSeconds)
            throws SQLException {
        Set<PendingAdd> skipped = new HashSet<>();
        Map<Claim, PendingAdd> firsts = firstOfEachKey(adds, skipped);
        if (!firsts.isEmpty()) {
            skipUnrecorded(firsts, keys.record(connection, firsts.keySet(), nowSeconds), skipped);
        }
        return skipped;
    }

    /**
     * Applies {@code adds} all or none in transactions of its own: in one autocommitted statement
     * where the database has one and they fit ({@link #applyInOneStatement}), else, or when that
     * statement found a key applied before, in a transaction ({@link #apply}).
     */
    Outcome applyAtomically(Transactor transactor, List<PendingAdd> adds, long nowSeconds, boolean wantsValues) {
        Outcome outcome = !wantsValues && fitsOneStatement(adds)
                ? transactor.autocommit(true, connection -> applyInOneStatement(connection, adds, nowSeconds))
                : null;
        return outcome != null
                ? outcome
                : transactor.inTransaction(connection -> apply(connection, adds, nowSeconds, wantsValues));
    }

    private boolean fitsOneStatement(List<PendingAdd> adds) {
        int keyed = 0;
        int rows = 0;
        for (PendingAdd add : adds) {
            keyed += add.idempotencyKey == null ? 0 : 1;
            rows += add.rows.size();
        }
        return keys.recordsWithDeltas(keyed, rows);
    }

    /**
     * What {@link #apply} does without values when no key of the group was applied before, in one
     * statement that commits by itself (run it in autocommit): every key recorded and every delta
     * added. Null when a key was applied before: the statement changed nothing, and {@link #apply}
     * must do it (see {@link IdempotencyStore#recordWithDeltas}).
     */
    private Outcome applyInOneStatement(Connection connection, List<PendingAdd> adds, long nowSeconds)
            throws SQLException {
        Set<PendingAdd> skipped = new HashSet<>();
        Map<Claim, PendingAdd> firsts = firstOfEachKey(adds, skipped);
        List<Row> rows = new ArrayList<>();
        for (PendingAdd add : adds) {
            if (!skipped.contains(add)) {
                rows.addAll(add.rows);
            }
        }
        if (!keys.recordWithDeltas(connection, firsts.keySet(), rows, nowSeconds)) {
            return null;
        }
        return new Outcome(skipped, Map.of());
    }

    /** The first add of each key; later adds with a key seen before go to {@code skipped}. */
    private static Map<Claim, PendingAdd> firstOfEachKey(List<PendingAdd> adds, Set<PendingAdd> skipped) {
        Map<Claim, PendingAdd> firsts = new HashMap<>();
        for (PendingAdd add : adds) {
            if (add.idempotencyKey != null
                    && firsts.putIfAbsent(new Claim(add.key.namespace(), add.idempotencyKey), add) != null) {
                skipped.add(add);
            }
        }
        return firsts;
    }

    private static void skipUnrecorded(Map<Claim, PendingAdd> firsts, Set<Claim> recorded, Set<PendingAdd> skipped) {
        firsts.forEach((claim, add) -> {
            if (!recorded.contains(claim)) {
                skipped.add(add);
            }
        });
    }

    /** One row per bucket of the adds, deltas summed exactly, sorted into the global lock order. */
    static List<Row> merge(List<PendingAdd> adds) {
        return Row.sumById(adds.stream().flatMap(add -> add.rows.stream()).toList());
    }
}
