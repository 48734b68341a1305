package io.livecount.bench;

import io.livecount.CounterAdd;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import java.sql.SQLException;
import java.time.Instant;
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
final class StrictBatchScenario implements Scenario {

    static final String NAME = "strict-batch";
    static final String NAMESPACE = "bench-batch";

    private final DataSource dataSource;
    private final CounterService counters;
    private final ThreadLocal<DistinctSample> samplers = new ThreadLocal<>();
    private List<CounterKey> keys = List.of();

    StrictBatchScenario(DataSource dataSource) {
        this.dataSource = dataSource;
        this.counters = Livecount.create(
                LivecountConfig.builder().dataSource(dataSource).build());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** As {@code strict} and {@code jdbc-batch-upsert}: one all-time row per key at 0. */
    @Override
    public void reset(List<String> names) throws SQLException {
        StrictScenario.recreateRows(dataSource, NAMESPACE, names);
        this.keys = names.stream().map(name -> CounterKey.of(NAMESPACE, name)).toList();
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

    @Override
    public long storedTotal() {
        return counters.get(keys, Period.ALL, Instant.EPOCH).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    @Override
    public void close() {
        counters.close();
    }
}
