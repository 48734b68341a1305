package io.livecount.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.ConsistencyMode;
import io.livecount.testing.TestDatabase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The message-consumer pattern of docs/message-queue.md against a real RabbitMQ: {@value #MESSAGES}
 * click messages with unique ids, consumed in batches with manual acknowledgement, added with
 * {@code addAll} and the message ids as idempotency keys, acknowledged once durable (STRICT: when
 * {@code addAll} returns; FAST: when {@code whenWritten()} completes). Redeliveries are forced three
 * ways: channels closed after the add and before the acknowledgement, {@code basicNack} with requeue
 * after the add, and a consumer JVM killed with {@code kill -9} mid-batch. After the queue is empty
 * and a flush, every counter must equal the number of distinct messages for it, in the rows and in
 * every service's reads; and each way of forcing must have led to redeliveries, so that the test
 * cannot pass for want of duplicates.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("databases")
@DisplayName("Clicks consumed from RabbitMQ with redeliveries")
class BrokerRedeliveryTest {

    static final int MESSAGES = 100_000;
    static final int MESSAGES_WITHOUT_KEYS = 20_000;

    @Parameter(0)
    TestDatabase database;

    /** MariaDB and PostgreSQL, or those named in {@code -Dlivecount.test.broker.databases=MARIADB,...}. */
    static List<TestDatabase> databases() {
        String names = System.getProperty("livecount.test.broker.databases", "MARIADB,POSTGRESQL");
        return Arrays.stream(names.split(","))
                .map(String::strip)
                .map(TestDatabase::valueOf)
                .toList();
    }

    @Nested
    @DisplayName("on one node (Ehcache)")
    class OneNode {

        @ParameterizedTest(name = "in {0}")
        @EnumSource(ConsistencyMode.class)
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        @DisplayName("count every click once: each counter equals its distinct messages")
        void countEveryClickOnce(ConsistencyMode mode) throws Exception {
            assertCountedOnce(Topology.ONE_NODE, mode, 1);
        }

        @Test
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        @DisplayName("without idempotency keys, the same redeliveries count clicks twice")
        void overcountWithoutKeys() throws Exception {
            try (ClickRun run = new ClickRun(database, Topology.ONE_NODE, ConsistencyMode.STRICT, false)) {
                ClickRun.Outcome outcome = run.run(MESSAGES_WITHOUT_KEYS, 1);
                long counted = outcome.rows().values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
                assertThat(counted)
                        .as("clicks counted for %d messages; %s", MESSAGES_WITHOUT_KEYS, outcome.redeliveries())
                        .isGreaterThan(MESSAGES_WITHOUT_KEYS);
            }
        }
    }

    @Nested
    @DisplayName("on a two-member Hazelcast cluster, both members consuming")
    class TwoMembers {

        @ParameterizedTest(name = "in {0}")
        @EnumSource(ConsistencyMode.class)
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        @DisplayName("count every click once: each counter equals its distinct messages")
        void countEveryClickOnce(ConsistencyMode mode) throws Exception {
            assertCountedOnce(Topology.HAZELCAST, mode, 2);
        }
    }

    private void assertCountedOnce(Topology topology, ConsistencyMode mode, int services) throws Exception {
        try (ClickRun run = new ClickRun(database, topology, mode, true)) {
            ClickRun.Outcome outcome = run.run(MESSAGES, services);
            Map<String, Long> expected = outcome.clicks().perUrl();
            Redeliveries redeliveries = outcome.redeliveries();
            assertThat(differences(expected, outcome.rows()))
                    .as("counters whose row differs from their distinct messages (row - messages); %s", redeliveries)
                    .isEmpty();
            for (int service = 0; service < services; service++) {
                assertThat(differences(expected, outcome.reads().get(service)))
                        .as("counters whose get() on service %d differs (read - messages)", service)
                        .isEmpty();
            }
            assertThat(redeliveries.redeliveredAfterClose())
                    .as("messages redelivered after a channel closed before the acknowledgement")
                    .isPositive();
            assertThat(redeliveries.redeliveredAfterRequeue())
                    .as("messages redelivered after basicNack with requeue")
                    .isPositive();
            assertThat(redeliveries.redeliveredOf(outcome.killedBatch()))
                    .as("messages of the killed consumer JVM's last batch redelivered")
                    .isPositive();
        }
    }

    /**
     * Counter by counter, what {@code actual} has more (or less) than {@code expected}: empty when they
     * agree, else how many differ, by how much in all, and the first ten.
     */
    private static String differences(Map<String, Long> expected, Map<String, Long> actual) {
        Map<String, Long> differences = new TreeMap<>();
        expected.forEach((url, count) -> {
            long difference = actual.getOrDefault(url, 0L) - count;
            if (difference != 0) {
                differences.put(url, difference);
            }
        });
        actual.forEach((url, count) -> {
            if (!expected.containsKey(url)) {
                differences.put(url, count);
            }
        });
        if (differences.isEmpty()) {
            return "";
        }
        long total = differences.values().stream().mapToLong(Long::longValue).sum();
        return differences.size() + " counters differ, by " + total + " in all; the first: "
                + differences.entrySet().stream().limit(10).toList();
    }
}
