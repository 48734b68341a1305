package io.livecount.bench;

import io.livecount.CounterAdd;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Livecount STRICT's batch add, to compare with {@code jdbc-batch-upsert}: each call is one {@code
 * counters.addAll(adds)} of 1 to {@value JdbcBatchUpsertScenario#BATCH} distinct keys (all keys if
 * fewer) picked at random, in the order picked (Livecount sorts them into its lock order itself),
 * committed all or none when it returns. ops_per_s counts rows (adds), as {@code jdbc-batch-upsert}
 * does.
 */
final class StrictBatchScenario extends StrictCounters {

    static final String NAME = "strict-batch";
    static final String NAMESPACE = "bench-batch";

    private final ThreadLocal<DistinctSample> samplers = new ThreadLocal<>();

    StrictBatchScenario(DataSource dataSource) {
        super(dataSource, NAMESPACE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int batchSize(int keyCount) {
        return Math.min(JdbcBatchUpsertScenario.BATCH, keyCount);
    }

    /** Ignores {@code keyIndex}: picks {@link #batchSize} distinct keys itself. */
    @Override
    public void increment(int keyIndex) {
        int[] picked = DistinctSample.perThread(samplers, keys.size()).next(batchSize(keys.size()));
        List<CounterAdd> adds = new ArrayList<>(picked.length);
        for (int index : picked) {
            adds.add(CounterAdd.of(keys.get(index), 1));
        }
        counters.addAll(adds);
    }
}
