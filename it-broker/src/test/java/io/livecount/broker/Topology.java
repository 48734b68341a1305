package io.livecount.broker;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.livecount.ConsistencyMode;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.WriteBackConfig;
import io.livecount.ehcache.EhcacheCounterCache;
import io.livecount.hazelcast.HazelcastCounterCache;
import io.livecount.spi.CounterCacheFactory;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Where the counting services run: one node on its own Ehcache cache, or members of a Hazelcast
 * cluster sharing one map. Each service counts the namespace in the given mode, writes FAST adds
 * back within 100 ms, and reads the database on every {@code get} (no cached value: a test compares
 * every counter with the rows).
 *
 * <p>Hazelcast members live on 127.0.0.1 with TCP join over ports {@value #FIRST_PORT} and up, in a
 * cluster named after the test JVM (a consumer JVM joins it by name), apart from the ports and
 * clusters of the other modules' tests.
 */
enum Topology {
    ONE_NODE("ehcache"),
    HAZELCAST("hazelcast");

    static final int FIRST_PORT = 5901;
    static final int PORTS = 20;

    final String id;

    Topology(String id) {
        this.id = id;
    }

    /** A service counting {@code namespace} in {@code mode}; on Hazelcast a new member of {@code cluster}. */
    CounterService start(DataSource dataSource, String namespace, ConsistencyMode mode, String cluster) {
        CounterCacheFactory cache = this == ONE_NODE
                ? EhcacheCounterCache.builder().heapEntries(100_000).factory()
                : HazelcastCounterCache.builder()
                        .startMember(member(cluster))
                        .mapName(namespace)
                        .factory();
        return Livecount.create(LivecountConfig.builder()
                .dataSource(dataSource)
                .namespace(namespace, NamespaceSettings.of().withMode(mode))
                .writeBack(WriteBackConfig.builder(cache)
                        .maxDelay(Duration.ofMillis(100))
                        .readRefresh(Duration.ZERO)
                        .build())
                .build());
    }

    /** A member of {@code cluster} that notices a member killed with {@code kill -9} within 15 s. */
    static Config member(String cluster) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.partition.count", "71");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        config.setProperty("hazelcast.operation.call.timeout.millis", "20000");
        config.setProperty(HazelcastCounterCache.FAIL_ON_INDETERMINATE, "true");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(FIRST_PORT)
                .setPortAutoIncrement(true)
                .setPortCount(PORTS)
                .setReuseAddress(true);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        return config;
    }
}
