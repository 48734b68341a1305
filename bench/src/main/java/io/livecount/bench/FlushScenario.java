package io.livecount.bench;

import io.livecount.CounterKey;
import io.livecount.WriteBackConfig;
import io.livecount.WriteBackConfig.BacklogPolicy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * The write-back alone: each round adds 1 to every key (untimed: N distinct dirty counters in the
 * cache), then times {@code counters.flush()}. Rounds repeat until the timed flushes add up to
 * {@code --seconds}; ops_per_s = dirty counters written per second of flush. Nothing flushes in the
 * background ({@code maxDelay} 1 h, dirty-count trigger and backlog at 10,000,000). The thread
 * count does not apply (a flush is one pass, run on the caller's thread and its write-back helpers):
 * one run per key count, reported as threads=1. {@code flush} uses the default {@code
 * parallelStatements} (2 statements at once), {@code flush-serial} sets it to 1.
 */
final class FlushScenario extends WriteBackScenario implements Runner.SelfTimed {

    static final String NAME = "flush";
    static final String SERIAL_NAME = "flush-serial";
    static final String NAMESPACE = "bench-flush";
    private static final int NO_TRIGGER = 10_000_000;

    private record Rounds(long dirtyCounters, long flushNanos) {}

    /** {@code flush-serial}: {@code parallelStatements(1)}; {@code flush} keeps the default. */
    private final boolean serial;

    FlushScenario(DataSource dataSource, boolean serial) {
        super(dataSource, NAMESPACE, Duration.ofHours(1)); // never: the run's flush() is what is timed
        this.serial = serial;
        start();
    }

    @Override
    WriteBackConfig.Builder configure(WriteBackConfig.Builder writeBack) {
        writeBack.maxDirtyCounters(NO_TRIGGER).maxBacklog(NO_TRIGGER, BacklogPolicy.BLOCK);
        return serial ? writeBack.parallelStatements(1) : writeBack;
    }

    @Override
    public String name() {
        return serial ? SERIAL_NAME : NAME;
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
                statementsAfter - statementsBefore,
                -1,
                -1);
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
                System.err.println("bench: scenario=" + name() + " keys=" + keys.length + ": a flush wrote " + rows
                        + " counter buckets, expected " + keys.length);
            }
            dirty += keys.length;
        } while (nanos < budget);
        return new Rounds(dirty, nanos);
    }

    @Override
    public boolean usesThreads() {
        return false;
    }

    @Override
    public StatementsMetric statementsMetric() {
        return new StatementsMetric("statements_per_1k_dirty", 1_000);
    }
}
