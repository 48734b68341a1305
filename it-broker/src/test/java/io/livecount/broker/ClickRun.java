package io.livecount.broker;

import com.rabbitmq.client.Connection;
import com.zaxxer.hikari.HikariDataSource;
import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Period;
import io.livecount.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of the redelivery test: clicks published to a fresh queue; a consumer JVM that takes the
 * first batches and is killed with {@code kill -9} mid-batch; then the test's own services (one, or
 * two Hazelcast members), each with a consumer that closes channels and requeues some batches,
 * until the queue is empty; then a flush. The namespace, the queue and the Hazelcast map are the
 * run's own; the namespace's rows are deleted first and the queue is deleted at the end.
 */
final class ClickRun implements AutoCloseable {

    /** What a run ends with: the clicks published, the counters (rows and reads) and the redeliveries seen. */
    record Outcome(
            Clicks clicks,
            Map<String, Long> rows,
            List<Map<String, Long>> reads,
            Redeliveries redeliveries,
            List<String> killedBatch) {}

    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(4);

    private final HikariDataSource dataSource;
    private final Topology topology;
    private final ConsistencyMode mode;
    private final boolean idempotent;
    private final String namespace;
    private final String queue;
    private final String cluster;
    private final Connection connection;
    private final List<CounterService> services = new ArrayList<>();
    private final Redeliveries redeliveries = new Redeliveries();
    private final List<ClickConsumer> consumers = new ArrayList<>();
    private ConsumerProcess consumerJvm;

    /** Connects to the broker first: without one the test fails (CI) or aborts before anything starts. */
    ClickRun(TestDatabase database, Topology topology, ConsistencyMode mode, boolean idempotent) {
        this.topology = topology;
        this.mode = mode;
        this.idempotent = idempotent;
        this.namespace =
                "clicks-" + topology.id + "-" + mode.name().toLowerCase(Locale.ROOT) + (idempotent ? "" : "-no-ids");
        this.queue =
                Rabbit.QUEUE_PREFIX + namespace + "-" + ProcessHandle.current().pid();
        this.cluster = "lc-broker-" + ProcessHandle.current().pid();
        this.connection = Rabbit.connectOrAbort("livecount-" + namespace);
        this.dataSource = Pools.small(database);
    }

    Outcome run(int messages, int servicesToStart) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < servicesToStart; i++) {
            services.add(topology.start(dataSource, namespace, mode, cluster));
        }
        deleteRows();
        Rabbit.declareEmpty(connection, queue);
        log(start, "services started");
        Clicks clicks = Clicks.publish(connection, queue, namespace + "-" + System.nanoTime(), messages, 20);
        log(start, messages + " clicks published");
        consumerJvm = ConsumerProcess.start(dataSource, topology, cluster, mode, queue, namespace);
        List<String> killedBatch = consumerJvm.killMidBatch(2, Duration.ofMinutes(2));
        log(start, "consumer JVM killed");
        consumeUntilEmpty();
        log(start, "queue drained; " + redeliveries);
        for (CounterService service : services) {
            service.flush();
        }
        List<Map<String, Long>> reads = new ArrayList<>();
        for (CounterService service : services) {
            reads.add(read(service, clicks));
        }
        log(start, "flushed and read");
        return new Outcome(clicks, rows(), reads, redeliveries, killedBatch);
    }

    /** Progress on stderr, to tell where the time of a slow run went. */
    private void log(long start, String what) {
        System.err.printf("%s after %.1f s: %s%n", namespace, (System.nanoTime() - start) / 1e9, what);
    }

    /**
     * Consumes until the queue stays empty with every consumer quiet, then stops the consumers (which
     * gives back what they still held) and looks again: done when nothing came back.
     */
    private void consumeUntilEmpty() throws Exception {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        do {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the queue was not drained within " + DRAIN_TIMEOUT + ": "
                        + Rabbit.ready(connection, queue) + " messages left; " + redeliveries);
            }
            startConsumers();
            long report = System.nanoTime();
            while (Rabbit.ready(connection, queue) > 0 || !consumers.stream().allMatch(c -> c.quiet(QUIET))) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                if (System.nanoTime() - report > Duration.ofSeconds(10).toNanos()) {
                    report = System.nanoTime();
                    System.err.println(namespace + ": " + Rabbit.ready(connection, queue) + " ready; " + consumers
                            + "; " + redeliveries);
                }
                Thread.sleep(250);
            }
            stopConsumers();
        } while (Rabbit.ready(connection, queue) > 0);
    }

    private void startConsumers() {
        for (CounterService service : services) {
            ClickConsumer.Settings settings =
                    new ClickConsumer.Settings(queue, namespace, mode, 2_000, 500, idempotent, Forcing.SOME);
            String name = namespace + "-consumer-" + consumers.size();
            consumers.add(new ClickConsumer(name, connection, service, settings, redeliveries, ConsumerEvents.NONE));
        }
        consumers.forEach(ClickConsumer::start);
    }

    private void stopConsumers() throws Exception {
        try {
            for (ClickConsumer consumer : consumers) {
                consumer.stop();
            }
        } finally {
            consumers.clear();
        }
    }

    /** The namespace's rows of an earlier run (the services created the table if it was missing). */
    private void deleteRows() throws SQLException {
        try (var connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM livecount_counter WHERE ns = ?")) {
            delete.setString(1, namespace);
            delete.executeUpdate();
        }
    }

    /** The namespace's ALL counters, straight from the table. */
    private Map<String, Long> rows() throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (var connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT counter_name, counter_value"
                        + " FROM livecount_counter WHERE ns = ? AND period_type = 'ALL'")) {
            select.setString(1, namespace);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
        }
        return rows;
    }

    /** Every counter as {@code service} reads it, 500 keys a call. */
    private Map<String, Long> read(CounterService service, Clicks clicks) {
        Map<String, Long> reads = new TreeMap<>();
        List<CounterKey> keys = clicks.perUrl().keySet().stream()
                .map(url -> CounterKey.of(namespace, url))
                .toList();
        for (int from = 0; from < keys.size(); from += 500) {
            service.get(keys.subList(from, Math.min(keys.size(), from + 500)), Period.ALL, Instant.EPOCH)
                    .forEach((key, value) -> reads.put(key.name(), value));
        }
        return reads;
    }

    @Override
    public void close() throws Exception {
        stopConsumers();
        if (consumerJvm != null) {
            consumerJvm.close();
        }
        for (CounterService service : services) {
            service.close();
        }
        try {
            Rabbit.delete(connection, queue);
        } finally {
            connection.close();
            dataSource.close();
        }
    }
}
