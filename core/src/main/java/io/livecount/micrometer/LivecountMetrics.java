package io.livecount.micrometer;

import io.livecount.CounterService;
import io.livecount.WriteBackMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds a service's {@link CounterService#writeBackMetrics()} to Micrometer. Only usable when
 * Micrometer is on the class path (it is an optional dependency of Livecount).
 *
 * <pre>{@code new LivecountMetrics(counters, "clicks").bindTo(registry);}</pre>
 *
 * <p>Meters, each tagged {@code service=<name>}: {@code livecount.writeback.pending.counters},
 * {@code livecount.writeback.pending.total}, {@code livecount.writeback.failures.consecutive},
 * {@code livecount.writeback.oldest.pending} (time), {@code livecount.writeback.since.success}
 * (time since the last successful write-back; NaN before the first), and the counters {@code
 * livecount.writeback.rows} and {@code livecount.writeback.statements}. From {@link
 * CounterService#retentionMetrics()}: the counter {@code livecount.retention.rows} (bucket rows
 * pruned), {@code livecount.retention.since.prune} (time since the last complete pruning pass; NaN
 * before the first) and {@code livecount.retention.failures.consecutive}. Every meter reads one
 * snapshot when the registry polls it.
 */
public final class LivecountMetrics implements MeterBinder {

    private final CounterService counters;
    private final List<Tag> tags;

    public LivecountMetrics(CounterService counters, String serviceName) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.tags = List.of(Tag.of("service", Objects.requireNonNull(serviceName, "serviceName")));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                "livecount.writeback.pending.counters",
                "counter buckets not yet written",
                m -> m.pendingCounters());
        gauge(
                registry,
                "livecount.writeback.pending.total",
                "sum of the deltas not yet written",
                m -> m.pendingTotal());
        gauge(
                registry,
                "livecount.writeback.failures.consecutive",
                "failed write-backs since the last success",
                m -> m.consecutiveFailures());
        gauge(
                registry,
                "livecount.writeback.unwritable",
                "counter buckets whose acknowledged deltas cannot be written (overflow)",
                m -> m.unwritableBuckets());
        TimeGauge.builder(
                        "livecount.writeback.oldest.pending", counters, TimeUnit.MILLISECONDS, c -> c.writeBackMetrics()
                                .oldestPendingAge()
                                .toMillis())
                .description("upper bound of the age of the oldest delta not yet written")
                .tags(tags)
                .register(registry);
        TimeGauge.builder("livecount.writeback.since.success", counters, TimeUnit.MILLISECONDS, c -> {
                    Instant last = c.writeBackMetrics().lastSuccessfulFlush();
                    return last == null ? Double.NaN : System.currentTimeMillis() - last.toEpochMilli();
                })
                .description("time since the last successful write-back")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder("livecount.writeback.rows", counters, c -> c.writeBackMetrics()
                        .flushedRows())
                .description("counter buckets written back")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder("livecount.writeback.statements", counters, c -> c.writeBackMetrics()
                        .flushStatements())
                .description("write-back statements run")
                .tags(tags)
                .register(registry);
        bindRetention(registry);
    }

    private void bindRetention(MeterRegistry registry) {
        FunctionCounter.builder("livecount.retention.rows", counters, c -> c.retentionMetrics()
                        .rowsPruned())
                .description("bucket rows pruned as older than their retention")
                .tags(tags)
                .register(registry);
        TimeGauge.builder("livecount.retention.since.prune", counters, TimeUnit.MILLISECONDS, c -> {
                    Instant last = c.retentionMetrics().lastPrune();
                    return last == null ? Double.NaN : System.currentTimeMillis() - last.toEpochMilli();
                })
                .description("time since the last complete retention pass")
                .tags(tags)
                .register(registry);
        Gauge.builder("livecount.retention.failures.consecutive", counters, c -> c.retentionMetrics()
                        .consecutiveFailures())
                .description("failed retention passes since the last complete one")
                .tags(tags)
                .register(registry);
    }

    private void gauge(
            MeterRegistry registry, String name, String description, ToDoubleFunction<WriteBackMetrics> value) {
        Gauge.builder(name, counters, c -> value.applyAsDouble(c.writeBackMetrics()))
                .description(description)
                .tags(tags)
                .register(registry);
    }
}
