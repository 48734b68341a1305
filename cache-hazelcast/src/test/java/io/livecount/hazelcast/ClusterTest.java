package io.livecount.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three application nodes, each a member in its own JVM ({@link ClusterNode}), on one database.
 * Every add a node acknowledged must be in the database exactly once after the survivors write
 * back, whatever happens to the members meanwhile.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(
        value = TestDatabase.class,
        names = {"MARIADB", "POSTGRESQL"})
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@DisplayName("A cluster of three nodes in FAST mode")
class ClusterTest {

    private static final Duration ANSWER = Duration.ofMinutes(2);
    private static int clusters;

    @Parameter
    TestDatabase database;

    private final List<NodeProcess> nodes = new ArrayList<>();
    private String cluster;

    @BeforeEach
    void emptyTable() {
        Livecount.create(LivecountConfig.builder()
                        .dataSource(database.dataSource())
                        .build())
                .close();
        database.clear();
        cluster = TestMembers.clusterName() + "-nodes-" + (++clusters);
    }

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (NodeProcess node : nodes) {
            node.close();
        }
    }

    @Test
    @DisplayName("1M adds from three members, one killed with kill -9 mid-load: every acknowledged add written once")
    void memberKilledMidLoad() throws Exception {
        NodeProcess a = start("a", false);
        NodeProcess b = start("b", false);
        NodeProcess victim = start("victim", false);
        awaitOneCluster(3);
        for (NodeProcess node : nodes) {
            node.send("load 2 333334");
        }
        awaitProgress(victim, 100_000);
        // the victim stops adding only so that its count of acknowledged adds is exact; its member
        // still owns a third of the partitions, and writes back, when it is killed
        long victimAcked = Long.parseLong(victim.ask("stop", "stopped", ANSWER)[0]);
        victim.ask("dump " + dumpFile(victim), "dumped", ANSWER);
        victim.kill9();
        long acked = victimAcked;
        for (NodeProcess survivor : List.of(a, b)) {
            String[] loaded = survivor.await("loaded", Duration.ofMinutes(4));
            acked += Long.parseLong(loaded[0]);
            System.out.printf("cluster-crash: %s acked %s, failed %s%n", survivor, loaded[0], loaded[1]);
        }
        flushAll(a, b);
        long written = total();
        System.out.printf(
                "cluster-crash on %s: acknowledged=%d (victim %d, killed after it) written=%d%n",
                database, acked, victimAcked, written);
        if (written != acked) {
            explain(List.of(a, b), List.of(victim));
        }
        assertThat(written).isEqualTo(acked);
    }

    @Test
    @DisplayName("rolling restart: members shut down and replaced one by one under load: exact")
    void rollingRestart() throws Exception {
        for (String name : List.of("a", "b", "c")) {
            start(name, false);
        }
        awaitOneCluster(3);
        nodes.forEach(node -> node.send("load 2 0"));
        long acked = 0;
        for (int i = 0; i < 3; i++) {
            NodeProcess leaving = nodes.get(i);
            awaitProgress(leaving, leaving.progress() + 5_000);
            acked += Long.parseLong(leaving.ask("close", "closed", ANSWER)[0]); // writes back, then leaves
            NodeProcess joining = start("new" + i, false);
            awaitMembers(joining, 3, Duration.ofSeconds(60));
            joining.send("load 2 0");
        }
        List<NodeProcess> last = nodes.subList(3, 6);
        awaitProgress(last.get(2), 5_000);
        for (NodeProcess node : last) {
            acked += Long.parseLong(node.ask("stop", "stopped", ANSWER)[0]);
        }
        flushAll(last.toArray(NodeProcess[]::new));
        System.out.printf("cluster-rolling-restart on %s: acknowledged=%d written=%d%n", database, acked, total());
        assertThat(total()).isEqualTo(acked);
    }

    @Test
    @Tag("split-brain") // to run it alone: -Dgroups=split-brain
    @DisplayName(
            "split-brain: a member frozen past the heartbeat timeout forms a minority that refuses adds; after the merge: exact")
    void splitBrain() throws Exception {
        NodeProcess a = start("a", true);
        NodeProcess b = start("b", true);
        NodeProcess frozen = start("frozen", true);
        awaitOneCluster(3);
        for (NodeProcess node : nodes) {
            node.send("load 2 0");
        }
        awaitProgress(frozen, 5_000);
        frozen.signal("STOP"); // a long pause: the others declare it dead and go on as two
        awaitMembers(a, 2, Duration.ofSeconds(60));
        long beforeSplit = a.progress();
        awaitProgress(a, beforeSplit + 5_000);
        frozen.signal("CONT"); // it wakes up alone: a minority until it merges into the majority
        awaitMembers(frozen, 3, Duration.ofSeconds(120));
        awaitProgress(frozen, frozen.progress() + 5_000);
        long acked = 0;
        long refused = 0;
        long unknown = 0; // adds of the frozen JVM whose call spanned the freeze: counted or not
        for (NodeProcess node : nodes) {
            String[] stopped = node.ask("stop", "stopped", ANSWER);
            acked += Long.parseLong(stopped[0]);
            refused += Long.parseLong(stopped[1]);
            unknown += Long.parseLong(stopped[2]);
        }
        flushAll(a, b, frozen);
        long written = total();
        if (written < acked || written > acked + unknown) {
            explain(List.of(a, b, frozen), List.of());
        }
        System.out.printf(
                "cluster-split-brain on %s: acknowledged=%d refused=%d unknown=%d written=%d%n",
                database, acked, refused, unknown, written);
        assertThat(written).isBetween(acked, acked + unknown);
        // one in flight per adder thread of the frozen JVM (2, the only ones seen since session 10), and room
        // for two calls elsewhere whose repeat failed after an attempt of unknown outcome
        assertThat(unknown).isLessThanOrEqualTo(4);
    }

    private Path dumpFile(NodeProcess node) {
        return Path.of("target", "cluster-" + cluster + "-" + node + ".keys").toAbsolutePath();
    }

    /**
     * Prints the keys whose written total differs from their acknowledged adds, with the partition
     * and which node owned it: where to look when the totals differ.
     */
    private void explain(List<NodeProcess> live, List<NodeProcess> dumped) throws Exception {
        Map<String, Long> acked = new TreeMap<>();
        Map<String, String> where = new HashMap<>();
        for (NodeProcess node : live) {
            node.ask("dump " + dumpFile(node), "dumped", ANSWER);
        }
        for (NodeProcess node : concat(live, dumped)) {
            for (String line : Files.readAllLines(dumpFile(node))) {
                String[] f = line.split(" ");
                acked.merge(f[0], Long.parseLong(f[1]), Long::sum);
                if (f[3].equals("true") || dumped.contains(node)) {
                    where.merge(
                            f[0], "p" + f[2] + (f[3].equals("true") ? " owner " : " ") + node, (x, y) -> x + ", " + y);
                }
            }
        }
        Map<String, Long> written = new HashMap<>();
        try (Connection c = database.dataSource().getConnection();
                ResultSet rows = c.createStatement()
                        .executeQuery("SELECT counter_name, counter_value FROM livecount_counter WHERE ns = '" + cluster
                                + "' AND period_type = 'ALL'")) {
            while (rows.next()) {
                written.put(rows.getString(1), rows.getLong(2));
            }
        }
        long keys = 0;
        long missing = 0;
        for (var key : written.entrySet()) {
            if (!acked.containsKey(key.getKey())) {
                keys++;
                missing -= key.getValue();
                System.out.printf("  %s acked by no node, written %d%n", key.getKey(), key.getValue());
            }
        }
        for (var key : acked.entrySet()) {
            long difference = written.getOrDefault(key.getKey(), 0L) - key.getValue();
            if (difference != 0) {
                keys++;
                missing -= difference;
                if (keys <= 40) {
                    System.out.printf(
                            "  %s acked %d written %+d (%s)%n",
                            key.getKey(), key.getValue(), difference, where.get(key.getKey()));
                }
            }
        }
        System.out.printf("cluster: %d keys differ, %d adds missing in all%n", keys, missing);
    }

    private static List<NodeProcess> concat(List<NodeProcess> a, List<NodeProcess> b) {
        List<NodeProcess> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private NodeProcess start(String name, boolean protect) throws Exception {
        NodeProcess node = NodeProcess.start(name, cluster, database, protect);
        nodes.add(node);
        return node;
    }

    private static void awaitProgress(NodeProcess node, long acked) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (node.progress() < acked) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(node + " did not reach " + acked + " adds: " + node.progress());
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits until every node sees {@code members} members, before any adds: a member that starts
     * while the others are busy may not find them and form a cluster of its own, merged into the
     * others seconds later; without split-brain protection the adds it acknowledged meanwhile are
     * dropped at that merge (as docs/cluster.md says), which is not what these tests are about.
     */
    private void awaitOneCluster(int members) throws InterruptedException {
        for (NodeProcess node : nodes) {
            awaitMembers(node, members, Duration.ofSeconds(60));
        }
    }

    private static void awaitMembers(NodeProcess node, int members, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Integer.parseInt(node.ask("members", "members", ANSWER)[0]) != members) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(node + " did not see " + members + " members within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    /** Every node writes back its partitions; twice, so that write-backs adopted in the first are resolved. */
    private static void flushAll(NodeProcess... nodes) {
        for (int round = 0; round < 2; round++) {
            for (NodeProcess node : nodes) {
                node.ask("flush", "flushed", ANSWER);
            }
        }
    }

    private long total() {
        try (CounterService reader = Livecount.create(
                LivecountConfig.builder().dataSource(database.dataSource()).build())) {
            return database.queryLong("SELECT COALESCE(SUM(counter_value), 0) FROM livecount_counter" + " WHERE ns = '"
                    + cluster + "' AND period_type = 'ALL'"); // ClusterNode counts in the cluster's name
        }
    }
}
