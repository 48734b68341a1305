package io.livecount.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * Hazelcast members for tests: on 127.0.0.1 only, TCP join over ports {@value #FIRST_PORT} and up,
 * multicast and every auto-detection off, no phone-home. Each test JVM has its own cluster name,
 * so members of other JVMs (a crash child, a parallel build) never join by accident; a child
 * JVM that should join passes {@link #CLUSTER_PROPERTY}.
 */
public final class TestMembers {

    static final int FIRST_PORT = 5801;
    static final int PORTS = 30;
    static final String CLUSTER_PROPERTY = "livecount.test.hazelcast.cluster";

    private static final String CLUSTER = System.getProperty(
            CLUSTER_PROPERTY, "livecount-test-" + ProcessHandle.current().pid());
    private static HazelcastInstance shared;

    private TestMembers() {}

    public static String clusterName() {
        return CLUSTER;
    }

    /** A member configuration that joins this JVM's test cluster. */
    public static Config config() {
        Config config = new Config();
        config.setClusterName(CLUSTER);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.partition.count", "71"); // faster start and migration than 271
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "60");
        // as HazelcastCounterCache.Builder.startMember sets it, and docs/cluster.md asks for it
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
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1"); // every port of the range above
        return config;
    }

    /** A new member of this JVM's test cluster. */
    public static HazelcastInstance start() {
        return Hazelcast.newHazelcastInstance(config());
    }

    /** One member kept for the whole JVM: the first node of every kit test. */
    public static synchronized HazelcastInstance shared() {
        if (shared == null || !shared.getLifecycleService().isRunning()) {
            shared = start();
        }
        return shared;
    }

    /** A client of this JVM's test cluster (its shared member is started first if needed). */
    public static HazelcastInstance client() {
        shared();
        ClientConfig config = new ClientConfig();
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(30_000);
        config.setClusterName(CLUSTER);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        for (int port = FIRST_PORT; port < FIRST_PORT + 3; port++) {
            config.getNetworkConfig().addAddress("127.0.0.1:" + port);
        }
        return HazelcastClient.newHazelcastClient(config);
    }
}
