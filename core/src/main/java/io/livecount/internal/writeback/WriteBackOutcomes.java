package io.livecount.internal.writeback;

import io.livecount.Period;
import io.livecount.internal.store.Row;
import io.livecount.internal.store.Transactor;
import io.livecount.internal.store.WriteBackStore;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happens to a write-back after its statement: one that committed is counted and forgotten;
 * one whose outcome is unknown (ours that failed in flight, or another node's, adopted) is retried
 * until its marker tells; one that overflows is split into single rows, and a single row that
 * overflows is kept ({@link UnwritableDeltas}). Part of {@link FlushCycle}, with its threading:
 * {@link #retryUnresolved} runs on the pass's thread; the rest may run on its helper threads.
 */
final class WriteBackOutcomes {

    /** FlushCycle's logger: one name to configure for everything a pass logs. */
    private static final System.Logger LOG = System.getLogger(FlushCycle.class.getName());

    private final CacheAccess cache;
    private final Transactor transactor;
    private final WriteBackStore store;
    private final InFlightWriteBacks inFlight;
    private final UnwritableDeltas unwritable;
    private final LongAdder pendingTotal;
    private final LongAdder flushedRows;
    private final LongAdder statements;

    /** The counters are {@link FlushCycle}'s, shared. */
    WriteBackOutcomes(
            CacheAccess cache,
            Transactor transactor,
            WriteBackStore store,
            InFlightWriteBacks inFlight,
            UnwritableDeltas unwritable,
            LongAdder pendingTotal,
            LongAdder flushedRows,
            LongAdder statements) {
        this.cache = cache;
        this.transactor = transactor;
        this.store = store;
        this.inFlight = inFlight;
        this.unwritable = unwritable;
        this.pendingTotal = pendingTotal;
        this.flushedRows = flushedRows;
        this.statements = statements;
    }

    /**
     * Takes over a write-back this node never started: in a shared cache (Hazelcast) its entries
     * came from another node's partitions, and that node may have died with it in flight. It is
     * retried like an unresolved one of ours: the marker tells whether it committed. Should its
     * first attempt still run later, the marker makes that statement fail (see {@link
     * WriteBackStore}).
     */
    void adopt(long foreignFlushId, BucketKey key) {
        if (inFlight.adopt(foreignFlushId, key)) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "adopted write-back {0} of another node (its first key: {1})",
                    foreignFlushId,
                    key);
        }
    }

    void retryUnresolved() {
        for (Map.Entry<Long, List<BucketKey>> attempt : inFlight.snapshot()) {
            retry(attempt.getKey(), attempt.getValue());
        }
    }

    /**
     * Resolves one write-back whose outcome is unknown. One of ours: the marker is inserted with
     * the rows unless present. One adopted from another node: it is fenced unless it committed,
     * because that node may hold more of its rows than we see; and a fenced write-back (by us or by
     * another adopter) is written again under a new id of ours.
     */
    private void retry(long flushId, List<BucketKey> keys) {
        List<Row> rows = inflightRows(flushId, keys);
        if (rows.isEmpty()) {
            inFlight.forget(flushId);
            return;
        }
        try {
            statements.increment();
            WriteBackStore.Retry outcome;
            if (inFlight.isAdopted(flushId)) {
                outcome = transactor.inTransaction(
                                connection -> store.fenceUnlessCommitted(connection, flushId, FlushCycle.nowSeconds()))
                        ? WriteBackStore.Retry.HAD_COMMITTED
                        : WriteBackStore.Retry.FENCED;
            } else {
                outcome = transactor.inTransaction(
                        connection -> store.writeIfNotApplied(connection, rows, flushId, FlushCycle.nowSeconds()));
            }
            LOG.log(System.Logger.Level.INFO, "write-back {0} retried: {1}", flushId, outcome);
            if (outcome == WriteBackStore.Retry.FENCED) {
                writeAgain(flushId, rows);
            } else {
                complete(flushId, rows);
            }
        } catch (ArithmeticException overflow) {
            splitOrKeep(flushId, rows);
        }
    }

    /** The rows of a fenced write-back, under a new id of ours, written at once. */
    private void writeAgain(long fencedId, List<Row> rows) {
        List<BucketKey> keys = rows.stream().map(Row::id).toList();
        long newId = inFlight.replacement(fencedId, keys);
        inFlight.forget(fencedId);
        keys.forEach(key -> cache.update(key, new Entries.RenameFlush(fencedId, newId)));
        retry(newId, keys);
    }

    /** The rows still in flight under {@code flushId}, re-read from the entries. */
    private List<Row> inflightRows(long flushId, List<BucketKey> keys) {
        List<Row> rows = new ArrayList<>(keys.size());
        for (BucketKey key : keys) {
            CounterEntry entry = cache.get(key);
            if (entry != null && entry.flushId() == flushId && entry.inflight() != 0) {
                rows.add(new Row(key, entry.inflight()));
            }
        }
        return rows;
    }

    /**
     * A write-back that overflows: a single row is kept in flight (tried again by every pass, see
     * {@link UnwritableDeltas}); several rows are written one by one at once, so that every row that
     * fits is written in this pass and only the ones that overflow are kept.
     */
    void splitOrKeep(long flushId, List<Row> rows) {
        if (rows.size() == 1) {
            unwritable.keep(rows.get(0).id(), rows.get(0).delta());
            return;
        }
        Map<Long, BucketKey> singles = new LinkedHashMap<>();
        for (Row row : rows) {
            long single = inFlight.replacement(flushId, List.of(row.id()));
            cache.update(row.id(), new Entries.RenameFlush(flushId, single));
            singles.put(single, row.id());
        }
        inFlight.forget(flushId);
        singles.forEach((single, key) -> retry(single, List.of(key)));
    }

    private void complete(long flushId, List<Row> rows) {
        resolved(flushId, rows);
        cache.countChanges(CacheAccess.counters(rows.stream().map(Row::id)));
        rows.forEach(row -> cache.update(row.id(), new Entries.CompleteFlush(flushId)));
    }

    /**
     * Write-back {@code flushId} committed: counted and forgotten, before its entries are
     * completed (should completing some of them fail, a later pass adopts the rest as another
     * node's write-back, and does not count their deltas again).
     */
    void resolved(long flushId, List<Row> rows) {
        for (Row row : rows) {
            if (row.period() == Period.ALL && !inFlight.hasForeignDeltas(flushId)) {
                pendingTotal.add(-row.delta()); // an add has one ALL row, and was counted once
            }
            unwritable.release(row.id());
        }
        inFlight.forget(flushId);
        flushedRows.add(rows.size());
    }
}
