package io.livecount.bench;

import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.WriteBackConfig;
import io.livecount.WriteBackConfig.BacklogPolicy;
import io.livecount.ehcache.EhcacheCounterCache;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * The write-back alone: each round adds 1 to every key (untimed: N distinct dirty counters in the
 * cache), then times {@code counters.flush()}. Rounds repeat until the timed flushes add up to
 * {@code --seconds}; ops_per_s = dirty counters written per second of flush. Nothing flushes in the
 * background ({@code maxDelay} 1 h, dirty-count trigger and backlog at 10,000,000). The thread
 * count does not apply (a flush runs on the caller's thread, one statement at a time): one run per
 * key count, reported as threads=1.
 */
final class FlushScenario implements Scenario, Runner.SelfTimed {

    static final String NAME = "flush";
    static final String NAMESPACE = "bench-flush";
    private static final int NO_TRIGGER = 10_000_000;

    private record Rounds(long dirtyCounters, long flushNanos) {}

    private final DataSource dataSource;
    private CounterService counters;
    private CounterKey[] keys = new CounterKey[0];

    FlushScenario(DataSource dataSource) {
        this.dataSource = dataSource;
        this.counters = create();
    }

    private CounterService create() {
        return Livecount.create(LivecountConfig.builder()
                .dataSource(dataSource)
                .namespace(NAMESPACE, NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(EhcacheCounterCache.builder()
                                .heapEntries(100_000)
                                .build())
                        .maxDelay(Duration.ofHours(1))
                        .maxDirtyCounters(NO_TRIGGER)
                        .maxBacklog(NO_TRIGGER, BacklogPolicy.BLOCK)
                        .build())
                .build());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void reset(List<String> names) throws SQLException {
        counters.close();
        counters = create();
        StrictScenario.recreateRows(dataSource, NAMESPACE, names);
        this.keys = names.stream().map(name -> CounterKey.of(NAMESPACE, name)).toArray(CounterKey[]::new);
    }

    @Override
    public Runner.Result run(List<String> names, int warmupSeconds, int seconds) throws SQLException {
        reset(names);
        if (warmupSeconds > 0) {
            rounds(warmupSeconds);
        }
        long totalBefore = storedTotal();
        long statementsBefore = statements();
        Rounds measured = rounds(seconds);
        long increase = storedTotal() - totalBefore;
        long statementsAfter = statements();
        return new Runner.Result(
                measured.dirtyCounters(),
                measured.flushNanos(),
                measured.dirtyCounters() - increase,
                0,
                statementsAfter - statementsBefore);
    }

    /** At least one round; more until the timed flushes reach {@code seconds}. */
    private Rounds rounds(int seconds) {
        long budget = seconds * 1_000_000_000L;
        long dirty = 0;
        long nanos = 0;
        do {
            for (CounterKey key : keys) {
                counters.add(key, 1);
            }
            long rowsBefore = counters.writeBackMetrics().flushedRows();
            long start = System.nanoTime();
            counters.flush();
            nanos += System.nanoTime() - start;
            long rows = counters.writeBackMetrics().flushedRows() - rowsBefore;
            if (rows != keys.length) {
                System.err.println("bench: scenario=" + NAME + " keys=" + keys.length + ": a flush wrote " + rows
                        + " counter buckets, expected " + keys.length);
            }
            dirty += keys.length;
        } while (nanos < budget);
        return new Rounds(dirty, nanos);
    }

    /** Adds 1 to one key (unused by the runner; the rounds add to every key). */
    @Override
    public void increment(int keyIndex) {
        counters.add(keys[keyIndex], 1);
    }

    @Override
    public long storedTotal() throws SQLException {
        counters.flush();
        return FastScenario.sumAll(dataSource, NAMESPACE);
    }

    @Override
    public boolean usesThreads() {
        return false;
    }

    @Override
    public long statements() {
        return counters.writeBackMetrics().flushStatements();
    }

    @Override
    public StatementsMetric statementsMetric() {
        return new StatementsMetric("statements_per_1k_dirty", 1_000);
    }

    @Override
    public void close() {
        counters.close();
    }
}
