package io.livecount.it.servers;

import static io.livecount.it.servers.Variant.Cache.HAZELCAST_CLUSTER;
import static io.livecount.it.servers.Variant.Database.MARIADB;
import static io.livecount.it.servers.Variant.Source.PROPERTIES;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * FAST on Hazelcast across application servers, as a cluster of application nodes runs it: two
 * Payara Micro processes deploy the same WAR, whose embedded members join each other (TCP/IP on
 * loopback), and count in one cluster-wide cache and one MariaDB table. Runs with the {@code payara}
 * runtime.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Two Payara Micro nodes, one Hazelcast cluster")
class PayaraClusterIT {

    static final int[] PORTS = {18081, 18082};
    static final Variant VARIANT = Variant.of(PROPERTIES, MARIADB, HAZELCAST_CLUSTER);

    private final HttpCalls http = new HttpCalls();
    private final List<ServerProcess> nodes = new ArrayList<>();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    @BeforeAll
    void startTwoNodes() throws Exception {
        AbstractRuntimeIT.requireSelected("payara");
        Path runs = TestWars.serversDir().getParent().resolve("it-runs");
        Path war = TestWars.build(VARIANT, runs.resolve("payara-cluster-wars"), true);
        for (int node = 0; node < PORTS.length; node++) {
            Path runDir = runs.resolve("payara-cluster-" + node);
            AbstractRuntimeIT.deleteRecursively(runDir);
            Files.createDirectories(runDir);
            nodes.add(PayaraIT.startMicro(runDir, PORTS[node], List.of(war)));
        }
        long deadline = System.nanoTime() + AbstractRuntimeIT.START_TIMEOUT.toNanos();
        for (int node = 0; node < PORTS.length; node++) { // the first call starts the service and its member
            while (http.get(api(node) + "/info").statusCode() != 200) {
                assertThat(System.nanoTime() < deadline && nodes.get(node).isAlive())
                        .as("node %d answers within %s (log %s)", node, AbstractRuntimeIT.START_TIMEOUT, log(node))
                        .isTrue();
                Thread.sleep(500);
            }
        }
        // Payara logs Hazelcast's INFO lines nowhere: the cluster shows in a FAST add made on one node
        // being read on the other while it is still only in the cache
        String probe = "probe-" + runId;
        assertThat(http.post(api(0) + "/add?key=" + probe).statusCode()).isEqualTo(200);
        while (!"1".equals(totals(1, probe).get("fast"))) {
            assertThat(System.nanoTime() < deadline)
                    .as("node 1 reads node 0's FAST add (logs %s, %s)", log(0), log(1))
                    .isTrue();
            Thread.sleep(200);
        }
    }

    @AfterAll
    void stopNodes() throws Exception {
        for (ServerProcess node : nodes) {
            if (node.isAlive()) {
                node.stop(AbstractRuntimeIT.STOP_TIMEOUT);
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("adds on both nodes make one count, read alike on both and written once")
    void addsOnBothNodes() throws Exception {
        String key = "both-" + runId;
        for (int i = 0; i < 10; i++) {
            for (int node = 0; node < PORTS.length; node++) {
                HttpResponse<String> added = http.post(api(node) + "/add?key=" + key);
                assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
            }
        }
        for (int node = 0; node < PORTS.length; node++) {
            assertThat(totals(node, key)).as("node %d", node).isEqualTo(Map.of("strict", "20", "fast", "20"));
        }
        flushBoth();
        assertThat(CounterTable.storedTotal(VARIANT, "orders", key)).isEqualTo(20);
        assertThat(CounterTable.storedTotal(VARIANT, "clicks", key)).isEqualTo(20);
    }

    @Test
    @Order(2)
    @DisplayName("a message delivered to one node, then the other, then the first again counts once")
    void messageOnBothNodes() throws Exception {
        String key = "msg-" + runId;
        int messages = 5;
        for (int i = 0; i < messages; i++) {
            for (int node : new int[] {0, 1, 0}) {
                HttpResponse<String> counted = http.post(api(node) + "/message?key=" + key + "&msg=" + key + "-" + i);
                assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
            }
        }
        flushBoth();
        for (int node = 0; node < PORTS.length; node++) {
            assertThat(totals(node, key)).as("node %d", node).isEqualTo(Map.of("strict", "5", "fast", "5"));
        }
        assertThat(CounterTable.storedTotal(VARIANT, "orders", key)).isEqualTo(messages);
        assertThat(CounterTable.storedTotal(VARIANT, "orders", key + "-b")).isEqualTo(2 * messages);
        assertThat(CounterTable.storedTotal(VARIANT, "clicks", key)).isEqualTo(messages);
    }

    @Test
    @Order(3)
    @DisplayName(
            "a node that stops leaves no add behind: its close writes the entries it owns, the other node the rest")
    void nodeStopsWithPendingAdds() throws Exception {
        // 8 counters: each member owns the entries of some of them
        List<String> keys =
                IntStream.range(0, 8).mapToObj(i -> "stop-" + runId + "-" + i).toList();
        for (String key : keys) {
            for (int node = 0; node < PORTS.length; node++) {
                for (int i = 0; i < 5; i++) {
                    assertThat(http.post(api(node) + "/add?key=" + key).statusCode())
                            .isEqualTo(200);
                }
            }
            assertThat(CounterTable.storedTotal(VARIANT, "clicks", key))
                    .as("FAST adds wait in the cache (max-delay 1h)")
                    .isZero();
        }
        ServerProcess first = nodes.get(0);
        int offset = first.logText().length();
        assertThat(first.stop(AbstractRuntimeIT.STOP_TIMEOUT))
                .as("stopped by SIGTERM")
                .isTrue();
        assertThat(AbstractRuntimeIT.problems(first.logText().substring(offset)))
                .as("problem lines in the stopped node's log (%s)", first.log())
                .isEmpty();
        long writtenAtStop = 0;
        for (String key : keys) {
            long stored = CounterTable.storedTotal(VARIANT, "clicks", key);
            assertThat(stored).as("%s: all of its entry or none", key).isIn(0L, 10L);
            writtenAtStop += stored == 10 ? 1 : 0;
        }
        assertThat(writtenAtStop)
                .as("counters whose entries the stopped node owned, written by its service's close")
                .isPositive();
        for (String key : keys) {
            assertThat(totals(1, key)).as(key).isEqualTo(Map.of("strict", "10", "fast", "10"));
        }
        assertThat(http.post(api(1) + "/flush").statusCode()).isEqualTo(200);
        for (String key : keys) {
            assertThat(CounterTable.storedTotal(VARIANT, "clicks", key)).as(key).isEqualTo(10);
        }
    }

    private void flushBoth() throws Exception {
        for (int node = 0; node < PORTS.length; node++) {
            HttpResponse<String> flushed = http.post(api(node) + "/flush");
            assertThat(flushed.statusCode()).as(flushed.body()).isEqualTo(200);
        }
    }

    private Map<String, String> totals(int node, String key) throws InterruptedException {
        return http.totals(api(node), key);
    }

    private static String api(int node) {
        return "http://127.0.0.1:" + PORTS[node] + "/" + VARIANT.name() + "/api";
    }

    private Path log(int node) {
        return nodes.get(node).log();
    }
}
