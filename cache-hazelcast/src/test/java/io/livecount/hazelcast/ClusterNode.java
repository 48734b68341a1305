package io.livecount.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.livecount.CommitOutcomeUnknownException;
import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.Period;
import io.livecount.WriteBackConfig;
import io.livecount.hazelcast.internal.CounterBucket;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterCacheFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One application node of the cluster tests, in its own JVM: an embedded member of the test cluster
 * and a FAST service on it. Commands on stdin, one per line, each answered on stdout:
 *
 * <ul>
 *   <li>{@code load THREADS ADDS}: adds in the background, ADDS in all (0: until {@code stop}),
 *       30% to three hot keys and the rest to 10,000 cold ones, with a read every 10th add; prints
 *       {@code progress ACKED} twice a second and {@code loaded ACKED FAILED} at the end.
 *   <li>{@code stop}: stops the load; {@code stopped ACKED FAILED UNKNOWN}.
 *   <li>{@code dump FILE}: writes {@code KEY ACKED PARTITION OWNED} per key (OWNED: this member owns
 *       the key's partition now), for a test that explains a difference; {@code dumped}.
 *   <li>{@code flush} (retried while it fails, up to 90 s), {@code members}, and {@code close} (stop, close the service, which writes
 *       back and shuts the member down; {@code closed ACKED FAILED}, then exit).
 * </ul>
 *
 * ACKED counts adds that returned, UNKNOWN adds that threw {@link CommitOutcomeUnknownException}
 * (counted or not; the first ten are logged), FAILED adds that threw anything else (not counted:
 * {@code CounterUnavailableException} on a minority side or a member just woken from a pause).
 * Arguments: JDBC URL, user, password, {@code protect} or {@code plain} (split-brain protection for
 * a cluster of 3).
 */
public final class ClusterNode {

    static final String MAP = "cluster";
    /**
     * The namespace a node counts in: its cluster's name, so that each test counts in a namespace of
     * its own and nothing another test left behind (a service still writing back) is summed with it.
     */
    static final String NAMESPACE = TestMembers.clusterName();

    private final CounterService counters;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final Map<String, LongAdder> ackedByKey = new ConcurrentHashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Thread> adders = new ArrayList<>();
    private final HazelcastCounterCache cache;

    private ClusterNode(CounterService counters, HazelcastCounterCache cache) {
        this.counters = counters;
        this.cache = cache;
    }

    public static void main(String[] args) throws Exception {
        Config config = TestMembers.config();
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        // 15 s, not less: a master removing a dead member can miss its own heartbeats for several seconds,
        // and a shorter timeout then splits the survivors from each other too
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        config.setProperty("hazelcast.operation.call.timeout.millis", "20000");
        if (args[3].equals("protect")) {
            LivecountMaps.protectAgainstSplitBrain(config, MAP, 2);
        }
        HazelcastCacheFactory factory = HazelcastCounterCache.builder()
                .startMember(config)
                .mapName(MAP)
                .cleanEntryTtl(Duration.ofSeconds(1)) // clean entries keep leaving: reads load across members
                .factory();
        AtomicReference<HazelcastCounterCache> started = new AtomicReference<>(); // the service's cache
        CounterCacheFactory cache = () -> {
            started.set(factory.create());
            return started.get();
        };
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(args[0]);
        pool.setUsername(args[1]);
        pool.setPassword(args[2]);
        pool.setMaximumPoolSize(6);
        CounterService counters = Livecount.create(LivecountConfig.builder()
                .dataSource(new HikariDataSource(pool))
                .namespace(NAMESPACE, NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(cache)
                        .maxDelay(Duration.ofMillis(100))
                        .build())
                .build());
        new ClusterNode(counters, started.get()).serve();
    }

    private void serve() throws Exception {
        say("ready " + cache.instance().getCluster().getLocalMember().getUuid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] command = line.trim().split(" ");
            switch (command[0]) {
                case "load" -> load(Integer.parseInt(command[1]), Long.parseLong(command[2]));
                case "stop" -> {
                    stopLoad();
                    say("stopped " + acked.get() + " " + failed.get() + " " + unknown.get());
                }
                case "flush" -> {
                    flushUntilWritten();
                    say("flushed");
                }
                case "dump" -> {
                    dump(command[1]);
                    say("dumped");
                }
                case "members" ->
                    say("members " + cache.instance().getCluster().getMembers().size());
                case "close" -> {
                    stopLoad();
                    counters.close();
                    say("closed " + acked.get() + " " + failed.get());
                    System.exit(0);
                }
                default -> say("unknown " + line);
            }
        }
    }

    private void load(int threads, long adds) {
        stopping.set(false);
        AtomicLong left = new AtomicLong(adds == 0 ? Long.MAX_VALUE : adds);
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(System.nanoTime() + t);
            Thread adder = new Thread(() -> {
                for (long i = 0; !stopping.get() && left.getAndDecrement() > 0; i++) {
                    int r = random.nextInt(100);
                    CounterKey key =
                            new CounterKey(NAMESPACE, r < 30 ? "hot" + r % 3 : "cold" + random.nextInt(10_000));
                    try {
                        counters.add(key, 1);
                        acked.incrementAndGet();
                        ackedByKey
                                .computeIfAbsent(key.name(), k -> new LongAdder())
                                .increment();
                    } catch (CommitOutcomeUnknownException e) {
                        if (unknown.incrementAndGet() <= 10) { // in the node's log, for explain()
                            System.err.println("add of unknown outcome to " + key.name() + ": " + e);
                        }
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        pause(); // a minority side refuses everything: do not spin
                    }
                    if (i % 10 == 0) {
                        try {
                            counters.get(key);
                        } catch (RuntimeException e) {
                            // reads fail on a minority side too; only adds are counted
                        }
                    }
                }
            });
            adder.start();
            adders.add(adder);
        }
        Thread reporter = new Thread(() -> {
            while (adders.stream().anyMatch(Thread::isAlive)) {
                say("progress " + acked.get());
                sleep(500);
            }
            if (!stopping.get()) {
                say("loaded " + acked.get() + " " + failed.get());
            }
        });
        reporter.setDaemon(true);
        reporter.start();
    }

    /**
     * {@code flush()} until it succeeds: a member that woke from a pause refuses for a while (the
     * write-back keeps its deltas and the next attempt writes them), as an operator would retry.
     */
    private void flushUntilWritten() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                counters.flush();
                return;
            } catch (RuntimeException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                say("flush failed, retrying: " + refused);
                sleep(1_000);
            }
        }
    }

    private void dump(String file) throws IOException {
        PartitionService partitions = cache.instance().getPartitionService();
        try (PrintWriter out = new PrintWriter(file, StandardCharsets.UTF_8)) {
            ackedByKey.forEach((name, count) -> {
                Partition partition = partitions.getPartition(
                        new CounterBucket(new BucketKey(new CounterKey(NAMESPACE, name), Period.ALL, 0)));
                boolean owned = cache.instance().getCluster().getLocalMember().equals(partition.getOwner());
                out.println(name + " " + count.sum() + " " + partition.getPartitionId() + " " + owned);
            });
        }
    }

    private void stopLoad() throws InterruptedException {
        stopping.set(true);
        for (Thread adder : adders) {
            adder.join();
        }
        adders.clear();
    }

    private static void pause() {
        sleep(5);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
